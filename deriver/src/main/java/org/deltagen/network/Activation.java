package org.deltagen.network;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A layer's activation f: a named entry of {@link NamedActivation}, or the user's f(u). Made by
 * {@link #named} and {@link #custom}, which parse and check the expression.
 *
 * @param name the keyword with any parameters, or {@code f(u) = …} for a custom activation
 * @param rule the table entry, or null for a custom activation
 * @param definition f(u); for a normalized activation, the f whose values are divided by their
 *     layer's sum
 */
public record Activation(String name, NamedActivation rule, Expression definition) {
  private static final Set<String> VARIABLES = Set.of("u");

  public Activation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
  }

  /** The named activation with its default parameters. */
  public static Activation named(NamedActivation activation) {
    return RuleParameters.withDefaults(activation, VARIABLES, (name, f) -> new Activation(name, activation, f));
  }

  /** The named activation with {@code parameters} overriding its defaults. */
  public static Activation named(
      NamedActivation activation, Map<String, Double> parameters, SourceLocation location)
      throws SpecException {
    return RuleParameters.instantiate(
        activation, VARIABLES, parameters, location, (name, f) -> new Activation(name, activation, f));
  }

  /** The activation a spec names by {@code keyword}, with parameters, written at {@code location}. */
  public static Activation named(String keyword, Map<String, Double> parameters, SourceLocation location)
      throws SpecException {
    NamedActivation activation = RuleParameters.lookup(
        NamedActivation.class, keyword, ErrorCode.DG010, "activation", "write f(u) = <expression>", location);
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
