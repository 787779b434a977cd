package org.deltagen.network;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The error of one sample, E = Σ_j ℓ(y_j, d_j): a named entry of {@link NamedLoss} or the user's
 * per-output expression ℓ in y and d. Made by {@link #named} and {@link #custom}, which parse and
 * check the expression.
 *
 * @param name the keyword with any parameters, or the expression for a custom loss
 * @param rule the table entry, or null for a custom loss
 * @param perOutput ℓ(y, d), possibly using n, the number of outputs
 */
public record Loss(String name, NamedLoss rule, Expression perOutput) {
  private static final Set<String> CUSTOM_SYMBOLS = Set.of("y", "d");
  private static final Set<String> TABLE_SYMBOLS = Set.of("y", "d", "n");

  public Loss {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(perOutput, "perOutput");
  }

  /** The named loss with its default parameters. */
  public static Loss named(NamedLoss loss) {
    return RuleParameters.withDefaults(loss, TABLE_SYMBOLS, (name, l) -> new Loss(name, loss, l));
  }

  /** The named loss with {@code parameters} overriding its defaults. */
  public static Loss named(NamedLoss loss, Map<String, Double> parameters, SourceLocation location)
      throws SpecException {
    return RuleParameters.instantiate(loss, TABLE_SYMBOLS, parameters, location, (name, l) -> new Loss(name, loss, l));
  }

  /** The loss a spec names by {@code keyword}, with parameters, written at {@code location}. */
  public static Loss named(String keyword, Map<String, Double> parameters, SourceLocation location)
      throws SpecException {
    NamedLoss loss = RuleParameters.lookup(
        NamedLoss.class, keyword, ErrorCode.DG013, "loss", "write an expression in y and d", location);
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

  public boolean isCustom() {
    return rule == null;
  }

  @Override
  public String toString() {
    return name;
  }
}
