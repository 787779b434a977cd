package org.deltagen.network;

import java.util.Objects;
import java.util.function.DoublePredicate;

/**
 * One hyper-parameter of an optimizer, initializer or schedule, as every stage names it: the
 * spec-file option, the documented default, the symbol in text (β₁) and in TeX ({@code \beta_1}),
 * and the constant the generated trainer declares for it ({@code BETA1}; empty for a flag, which
 * shapes the code instead of entering it as a number). A default of NaN means the option is
 * required.
 */
public record HyperParameter(String option, double defaultValue, Range range, String symbol, String tex,
    String constant) {

  /** Which values the option takes; a flag is 0 or 1. */
  public enum Range {
    POSITIVE("a positive number", v -> v > 0),
    NON_NEGATIVE("zero or more", v -> v >= 0),
    FRACTION("a number in [0, 1)", v -> v >= 0 && v < 1),
    /** Any finite number, as a uniform distribution's bounds. */
    FINITE("a number", Double::isFinite),
    /** A whole number, as a seed. */
    WHOLE("a whole number", v -> v == Math.rint(v) && Math.abs(v) <= 0x1p63),
    /** A positive whole number, e.g. a number of epochs. */
    COUNT("a positive whole number", v -> v >= 1 && v == Math.rint(v)),
    /** A factor in (0, 1], as a warm-up's start. */
    UNIT("a number in (0, 1]", v -> v > 0 && v <= 1),
    FLAG("true or false", v -> v == 0 || v == 1);

    private final String requirement;
    private final DoublePredicate valid;

    Range(String requirement, DoublePredicate valid) {
      this.requirement = requirement;
      this.valid = valid;
    }

    /** How an error message words the range, e.g. "a number in [0, 1)". */
    public String requirement() {
      return requirement;
    }

    public boolean contains(double value) {
      return valid.test(value);
    }
  }

  public HyperParameter {
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(tex, "tex");
    Objects.requireNonNull(constant, "constant");
    if (!Double.isNaN(defaultValue) && !range.contains(defaultValue)) {
      throw new IllegalArgumentException(option + "'s default " + defaultValue + " is not " + range.requirement());
    }
  }

  /** A number, with its symbol and the generated code's constant. */
  static HyperParameter number(String option, double defaultValue, Range range, String symbol, String tex,
      String constant) {
    return new HyperParameter(option, defaultValue, range, symbol, tex, constant);
  }

  /** A true/false option. */
  static HyperParameter flag(String option, boolean defaultValue) {
    return new HyperParameter(option, defaultValue ? 1 : 0, Range.FLAG, option, "\\text{" + option + "}", "");
  }

  /** True when a spec must give it: it has no default. */
  public boolean required() {
    return Double.isNaN(defaultValue);
  }

  public boolean isFlag() {
    return range == Range.FLAG;
  }
}
