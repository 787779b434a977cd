package org.deltagen.network;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** A layer's activation f: a named entry of {@link NamedActivation}, or the user's f(u). */
public final class Activation {
  private static final Set<String> VARIABLES = Set.of("u");

  private final String name;
  private final NamedActivation rule;
  private final Expression definition;

  private Activation(String name, NamedActivation rule, Expression definition) {
    this.name = name;
    this.rule = rule;
    this.definition = definition;
  }

  /** The named activation with its default parameters. */
  public static Activation named(NamedActivation activation) {
    try {
      return named(activation, Map.of(), SourceLocation.builder(activation.keyword()));
    } catch (SpecException e) {
      throw new IllegalStateException("rule table entry does not parse: " + activation, e);
    }
  }

  /** The named activation with {@code parameters} overriding its defaults. */
  public static Activation named(
      NamedActivation activation, Map<String, Double> parameters, SourceLocation location)
      throws SpecException {
    Map<String, Double> values =
        RuleParameters.resolve(activation.keyword(), activation.parameters(), parameters, location);
    Expression definition =
        Expression.parse(
            activation.definition(),
            SourceLocation.builder(activation.keyword()),
            RuleParameters.symbols(VARIABLES, activation.parameters()));
    return new Activation(
        RuleParameters.describe(activation.keyword(), parameters.isEmpty() ? Map.of() : values),
        activation,
        definition.withParameters(values).at(location));
  }

  /** The activation a spec names by {@code keyword}, with parameters, written at {@code location}. */
  public static Activation named(String keyword, Map<String, Double> parameters, SourceLocation location)
      throws SpecException {
    NamedActivation activation = NamedActivation.forKeyword(keyword);
    if (activation == null) {
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG010, location, "unknown activation " + Diagnostic.quote(keyword))
              .withHint(
                  Suggestions.hint(
                      keyword,
                      Arrays.stream(NamedActivation.values()).map(NamedActivation::keyword).toList())
                      + " (or write f(u) = <expression>)"));
    }
    return named(activation, parameters, location);
  }

  /** The activation a spec names by {@code keyword}, with default parameters. */
  public static Activation named(String keyword, SourceLocation location) throws SpecException {
    return named(keyword, Map.of(), location);
  }

  /** The user's own f(u), an expression in u written at {@code location}. */
  public static Activation custom(String expression, SourceLocation location) throws SpecException {
    return new Activation("f(u) = " + expression, null, Expression.parse(expression, location, VARIABLES));
  }

  /** The API form of {@link #custom(String, SourceLocation)}. */
  public static Activation custom(String expression) throws SpecException {
    return custom(expression, SourceLocation.builder("layer"));
  }

  /** The keyword with any parameters, or {@code f(u) = …} for a custom activation. */
  public String name() {
    return name;
  }

  /** f(u); for a normalized activation, the f whose values are divided by their layer's sum. */
  public Expression definition() {
    return definition;
  }

  /** The table entry, or null for a custom activation. */
  public NamedActivation rule() {
    return rule;
  }

  public boolean isCustom() {
    return rule == null;
  }

  /** True for softmax: z_j = f(u_j) / Σ_k f(u_k), so the layer is not element-wise. */
  public boolean normalized() {
    return rule != null && rule.normalized();
  }

  @Override
  public String toString() {
    return name;
  }
}
