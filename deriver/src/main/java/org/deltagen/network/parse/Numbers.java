package org.deltagen.network.parse;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** The number syntax of spec and parameter files: plain decimals, nothing Java-specific. */
final class Numbers {
  /** Excludes what Double.parseDouble also takes: NaN, Infinity, hex, and suffixes like 1d. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /** At most 18 digits, so that every match fits a long. */
  private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,18}");

  /** At most 9 significant digits, so that every match fits an int. */
  private static final Pattern POSITIVE_INT = Pattern.compile("0*[1-9]\\d{0,8}");

  private Numbers() {}

  /** The value of a decimal that is finite as a double (1e400 is not). */
  static OptionalDouble finite(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      return OptionalDouble.empty();
    }
    double value = Double.parseDouble(text);
    return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
  }

  static OptionalLong whole(String text) {
    return WHOLE.matcher(text).matches()
        ? OptionalLong.of(Long.parseLong(text))
        : OptionalLong.empty();
  }

  /** The value of a whole number from 1 to 999,999,999. */
  static OptionalInt positiveInt(String text) {
    return POSITIVE_INT.matcher(text).matches()
        ? OptionalInt.of(Integer.parseInt(text))
        : OptionalInt.empty();
  }
}
