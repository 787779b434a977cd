package org.deltagen.spec;

import java.util.Arrays;
import java.util.Set;

/**
 * The error of one sample, E = Σ_j ℓ(y_j, d_j): a named entry of {@link NamedLoss} or the user's
 * per-output expression ℓ in y and d.
 */
public final class Loss {
  private static final Set<String> CUSTOM_SYMBOLS = Set.of("y", "d");
  private static final Set<String> TABLE_SYMBOLS = Set.of("y", "d", "n");

  private final String name;
  private final Expression perOutput;
  private final boolean custom;

  private Loss(String name, Expression perOutput, boolean custom) {
    this.name = name;
    this.perOutput = perOutput;
    this.custom = custom;
  }

  public static Loss named(NamedLoss loss) {
    try {
      return new Loss(
          loss.keyword(),
          Expression.parse(loss.definition(), SourceLocation.builder(loss.keyword()), TABLE_SYMBOLS),
          false);
    } catch (SpecException e) {
      throw new IllegalStateException("rule table entry does not parse: " + loss, e);
    }
  }

  /** The loss a spec names by {@code keyword}, written at {@code location}. */
  public static Loss named(String keyword, SourceLocation location) throws SpecException {
    NamedLoss loss = NamedLoss.forKeyword(keyword);
    if (loss == null) {
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG013, location, "unknown loss '" + keyword + "'")
              .withHint(
                  Suggestions.hint(
                      keyword, Arrays.stream(NamedLoss.values()).map(NamedLoss::keyword).toList())
                      + " (or write an expression in y and d)"));
    }
    return named(loss);
  }

  /** The user's per-output loss, an expression in y and d written at {@code location}. */
  public static Loss custom(String expression, SourceLocation location) throws SpecException {
    return new Loss(expression, Expression.parse(expression, location, CUSTOM_SYMBOLS), true);
  }

  /** The API form of {@link #custom(String, SourceLocation)}. */
  public static Loss custom(String expression) throws SpecException {
    return custom(expression, SourceLocation.builder("loss"));
  }

  /** The keyword, or the expression for a custom loss. */
  public String name() {
    return name;
  }

  /** ℓ(y, d), possibly using n, the number of outputs. */
  public Expression perOutput() {
    return perOutput;
  }

  public boolean isCustom() {
    return custom;
  }

  @Override
  public String toString() {
    return name;
  }
}
