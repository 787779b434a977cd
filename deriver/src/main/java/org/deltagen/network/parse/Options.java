package org.deltagen.network.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongPredicate;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.Line.Token;

/**
 * The key=value options that end a statement, e.g. {@code lr=0.1}; each problem is located at its
 * token.
 */
final class Options {
  private final Line line;
  private final Map<String, Option> values;

  /** One option: the whole key=value token, and its value with the value's own column. */
  private record Option(Token token, Token value) {}

  private Options(Line line, Map<String, Option> values) {
    this.line = line;
    this.values = values;
  }

  /**
   * Reads the tokens of {@code line} from index {@code from} on as options with the given keys;
   * {@code usage} says which options the statement takes, e.g. "sgd takes lr in this version".
   */
  static Options of(Line line, int from, Set<String> keys, String usage) throws SpecException {
    Map<String, Option> values = new LinkedHashMap<>();
    for (int i = from; i < line.size(); i++) {
      Token token = line.token(i);
      int equals = token.text().indexOf('=');
      if (equals < 1 || equals == token.text().length() - 1) {
        throw line.problem(
            ErrorCode.DG016,
            token.column(),
            "option " + Diagnostic.quote(token.text()) + " is not of the form key=value",
            usage);
      }
      String key = token.text().substring(0, equals);
      if (!keys.contains(key)) {
        throw line.problem(
            ErrorCode.DG016, token.column(), "unknown option '" + key + "': " + usage, "");
      }
      Token value = new Token(token.text().substring(equals + 1), token.column() + equals + 1);
      if (values.put(key, new Option(token, value)) != null) {
        throw line.problem(
            ErrorCode.DG016, token.column(), "option '" + key + "' is given twice", usage);
      }
    }
    return new Options(line, values);
  }

  /** The option's value as a positive finite number, or {@code fallback} when it is absent. */
  double positive(String key, double fallback) throws SpecException {
    return number(key, fallback, v -> v > 0, "a positive number", "0.1");
  }

  /**
   * The option's value as a number satisfying {@code valid} (described as {@code requirement},
   * e.g. "a number in [0, 1)"), or {@code fallback} when it is absent.
   */
  double number(String key, double fallback, java.util.function.DoublePredicate valid, String requirement)
      throws SpecException {
    return number(key, fallback, valid, requirement, String.valueOf(fallback));
  }

  private double number(String key, double fallback, java.util.function.DoublePredicate valid, String requirement,
      String example) throws SpecException {
    Token value = value(key);
    if (value == null) {
      return fallback;
    }
    OptionalDouble number = Numbers.finite(value.text());
    if (number.isEmpty() || !valid.test(number.getAsDouble())) {
      throw line.problem(
          ErrorCode.DG017, value.column(), "'" + key + "' needs " + requirement + ", not " + Diagnostic.quote(value.text()),
          "e.g. " + key + "=" + example);
    }
    return number.getAsDouble();
  }

  /** The value token of {@code key}, or null when the statement does not give it. */
  private Token value(String key) {
    Option option = values.get(key);
    return option == null ? null : option.value();
  }

  /** The option's value as a whole number, or {@code fallback} when it is absent. */
  long whole(String key, long fallback) throws SpecException {
    Token value = value(key);
    return value == null ? fallback : whole(value, key, n -> true, ErrorCode.DG017, "a whole number", "0");
  }

  /** Reports {@code key} missing, at the statement's keyword, unless it was given. */
  void require(String key) throws SpecException {
    if (!values.containsKey(key)) {
      throw line.problem(ErrorCode.DG008, line.token(0).column(), "option '" + key + "' is missing",
          "e.g. " + key + "=0.9");
    }
  }

  /**
   * The option's value as a whole number from 1 to 10⁹; required when {@code fallback} is 0, which
   * reports it missing at the statement's keyword.
   */
  long count(String key, long fallback) throws SpecException {
    if (fallback > 0 && value(key) == null) {
      return fallback;
    }
    require(key);
    return whole(value(key), key, n -> n >= 1 && n <= 1_000_000_000L, ErrorCode.DG006, "a positive whole number",
        "10");
  }

  /** {@code value} as a whole number satisfying {@code valid}; any other text is {@code code}. */
  private long whole(Token value, String key, LongPredicate valid, ErrorCode code, String requirement, String example)
      throws SpecException {
    OptionalLong number = Numbers.whole(value.text());
    if (number.isEmpty() || !valid.test(number.getAsLong())) {
      throw line.problem(code, value.column(),
          "'" + key + "' needs " + requirement + ", not " + Diagnostic.quote(value.text()), "e.g. " + key + "=" + example);
    }
    return number.getAsLong();
  }

  /** The column of the option's value, or 0 when it is absent. */
  int column(String key) {
    Option option = values.get(key);
    return option == null ? 0 : option.value().column();
  }

  /** The option's value as written, or {@code fallback} when it is absent. */
  String text(String key, String fallback) {
    Token value = value(key);
    return value == null ? fallback : value.text();
  }

  /** The option's value as true or false, or {@code fallback} when it is absent. */
  boolean bool(String key, boolean fallback) throws SpecException {
    Option option = values.get(key);
    if (option == null) {
      return fallback;
    }
    Token value = option.value();
    if (!value.text().equals("true") && !value.text().equals("false")) {
      throw line.problem(
          ErrorCode.DG016,
          option.token().column(),
          "'" + key + "' is true or false, not " + Diagnostic.quote(value.text()),
          "e.g. " + key + "=false");
    }
    return value.text().equals("true");
  }
}
