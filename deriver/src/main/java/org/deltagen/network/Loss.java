package org.deltagen.network;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The error of one sample, E = Σ_j ℓ(y_j, d_j): a named entry of {@link NamedLoss} or the user's
 * per-output expression ℓ in y and d.
 */
public final class Loss {
  private static final Set<String> CUSTOM_SYMBOLS = Set.of("y", "d");
  private static final Set<String> TABLE_SYMBOLS = Set.of("y", "d", "n");

  private final String name;
  private final NamedLoss rule;
  private final Expression perOutput;

  private Loss(String name, NamedLoss rule, Expression perOutput) {
    this.name = name;
    this.rule = rule;
    this.perOutput = perOutput;
  }

  /** The named loss with its default parameters. */
  public static Loss named(NamedLoss loss) {
    try {
      return named(loss, Map.of(), SourceLocation.builder(loss.keyword()));
    } catch (SpecException e) {
      throw new IllegalStateException("rule table entry does not parse: " + loss, e);
    }
  }

  /** The named loss with {@code parameters} overriding its defaults. */
  public static Loss named(NamedLoss loss, Map<String, Double> parameters, SourceLocation location)
      throws SpecException {
    Map<String, Double> values = RuleParameters.resolve(loss.keyword(), loss.parameters(), parameters, location);
    for (String positive : loss.positiveParameters()) {
      if (!(values.get(positive) > 0)) {
        throw new SpecException(
            Diagnostic.of(ErrorCode.DG016, location,
                    loss.keyword() + "'s " + positive + " must be positive, not " + values.get(positive))
                .withHint("e.g. " + loss.keyword() + "(" + positive + "=1)"));
      }
    }
    Expression definition =
        Expression.parse(
            loss.definition(),
            SourceLocation.builder(loss.keyword()),
            RuleParameters.symbols(TABLE_SYMBOLS, loss.parameters()));
    return new Loss(
        RuleParameters.describe(loss.keyword(), parameters.isEmpty() ? Map.of() : values),
        loss,
        definition.withParameters(values).at(location));
  }

  /** The loss a spec names by {@code keyword}, with parameters, written at {@code location}. */
  public static Loss named(String keyword, Map<String, Double> parameters, SourceLocation location)
      throws SpecException {
    NamedLoss loss = NamedLoss.forKeyword(keyword);
    if (loss == null) {
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG013, location, "unknown loss " + Diagnostic.quote(keyword))
              .withHint(
                  Suggestions.hint(
                      keyword, Arrays.stream(NamedLoss.values()).map(NamedLoss::keyword).toList())
                      + " (or write an expression in y and d)"));
    }
    return named(loss, parameters, location);
  }

  /** The loss a spec names by {@code keyword}, with default parameters. */
  public static Loss named(String keyword, SourceLocation location) throws SpecException {
    return named(keyword, Map.of(), location);
  }

  /** The user's per-output loss, an expression in y and d written at {@code location}. */
  public static Loss custom(String expression, SourceLocation location) throws SpecException {
    return new Loss(expression, null, Expression.parse(expression, location, CUSTOM_SYMBOLS));
  }

  /** The API form of {@link #custom(String, SourceLocation)}. */
  public static Loss custom(String expression) throws SpecException {
    return custom(expression, SourceLocation.builder("loss"));
  }

  /** The keyword with any parameters, or the expression for a custom loss. */
  public String name() {
    return name;
  }

  /** ℓ(y, d), possibly using n, the number of outputs. */
  public Expression perOutput() {
    return perOutput;
  }

  /** The table entry, or null for a custom loss. */
  public NamedLoss rule() {
    return rule;
  }

  public boolean isCustom() {
    return rule == null;
  }

  @Override
  public String toString() {
    return name;
  }
}
