package org.deltagen.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * How a spec uses a named rule, an activation or a loss: its lookup by keyword, its numeric
 * parameters (leaky-relu's a, huber's delta) with their defaults and the values a spec gives, and
 * their substitution into the rule's expression.
 */
final class RuleParameters {
  private RuleParameters() {}

  /**
   * {@code rule} as a spec uses it: its definition in {@code variables} with {@code given}
   * overriding the defaults, attributed to {@code location}, and named with those values, made
   * into a value by {@code make}.
   */
  static <T> T instantiate(NamedRule rule, Set<String> variables, Map<String, Double> given,
      SourceLocation location, BiFunction<String, Expression, T> make) throws SpecException {
    Map<String, Double> values = resolve(rule, given, location);
    Expression definition = definition(rule, variables);
    return make.apply(describe(rule.keyword(), given.isEmpty() ? Map.of() : values),
        definition.withParameters(values).at(location));
  }

  /** The rule's definition as the table writes it, its parameters still symbols. */
  static Expression definition(NamedRule rule, Set<String> variables) throws SpecException {
    return Expression.parse(
        rule.definition(), SourceLocation.builder(rule.keyword()), symbols(variables, rule.parameters()));
  }

  /** {@code rule} with its defaults, which the table guarantees to be valid. */
  static <T> T withDefaults(NamedRule rule, Set<String> variables, BiFunction<String, Expression, T> make) {
    try {
      return instantiate(rule, variables, Map.of(), SourceLocation.builder(rule.keyword()), make);
    } catch (SpecException e) {
      throw new IllegalStateException("rule table entry does not parse: " + rule, e);
    }
  }

  /**
   * The entry of {@code table} called {@code keyword}; an unknown one is a located {@code code}
   * naming {@code what} it should have been, hinting at the nearest keywords and {@code otherwise}.
   */
  static <R extends Enum<R> & NamedRule> R lookup(Class<R> table, String keyword, ErrorCode code, String what,
      String otherwise, SourceLocation location) throws SpecException {
    R rule = SpecKeyword.forKeyword(table, keyword);
    if (rule == null) {
      List<String> keywords = Arrays.stream(table.getEnumConstants()).map(SpecKeyword::keyword).toList();
      throw new SpecException(
          Diagnostic.of(code, location, "unknown " + what + " " + Diagnostic.quote(keyword))
              .withHint(Suggestions.hint(keyword, keywords) + " (or " + otherwise + ")"));
    }
    return rule;
  }

  /** The defaults overridden by {@code given}; an unknown name or a value out of range is a located DG016. */
  static Map<String, Double> resolve(NamedRule rule, Map<String, Double> given, SourceLocation location)
      throws SpecException {
    String keyword = rule.keyword();
    Map<String, Double> defaults = rule.parameters();
    Map<String, Double> values = new LinkedHashMap<>(defaults);
    for (Map.Entry<String, Double> entry : given.entrySet()) {
      if (!defaults.containsKey(entry.getKey())) {
        String takes = defaults.isEmpty() ? "takes no parameters" : "takes " + String.join(", ", defaults.keySet());
        throw new SpecException(
            Diagnostic.of(ErrorCode.DG016, location, keyword + " has no parameter '" + entry.getKey() + "'")
                .withHint(keyword + " " + takes));
      }
      if (!Double.isFinite(entry.getValue())) {
        throw new SpecException(
            Diagnostic.of(ErrorCode.DG017, location, keyword + "'s " + entry.getKey() + " must be a finite number"));
      }
      values.put(entry.getKey(), entry.getValue());
    }
    for (String positive : rule.positiveParameters()) {
      if (!(values.get(positive) > 0)) {
        throw new SpecException(
            Diagnostic.of(ErrorCode.DG016, location,
                    keyword + "'s " + positive + " must be positive, not " + values.get(positive))
                .withHint("e.g. " + keyword + "(" + positive + "=1)"));
      }
    }
    return values;
  }

  /** The symbols a rule's definition may use: its variables and its parameters. */
  private static Set<String> symbols(Set<String> variables, Map<String, Double> defaults) {
    Set<String> symbols = new java.util.HashSet<>(variables);
    symbols.addAll(defaults.keySet());
    return symbols;
  }

  /** The expression with each parameter replaced by its value. */
  static IExpr substitute(IExpr definition, Map<String, Double> values) {
    IExpr result = definition;
    for (Map.Entry<String, Double> entry : values.entrySet()) {
      result = F.subst(result, F.symbol(entry.getKey()), F.num(entry.getValue()));
    }
    return result;
  }

  /** {@code leaky-relu(a=0.2)}, or the bare keyword when the rule has no parameters. */
  static String describe(String keyword, Map<String, Double> values) {
    if (values.isEmpty()) {
      return keyword;
    }
    List<String> parts = new ArrayList<>();
    values.forEach((name, value) -> parts.add(name + "=" + format(value)));
    return keyword + "(" + String.join(", ", parts) + ")";
  }

  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }
}
