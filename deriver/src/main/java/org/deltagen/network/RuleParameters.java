package org.deltagen.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The numeric parameters of a named rule, such as leaky-relu's a or huber's delta: their defaults,
 * the values a spec gives, and their substitution into the rule's expression.
 */
final class RuleParameters {
  private RuleParameters() {}

  /** The defaults overridden by {@code given}; an unknown name is a located DG016. */
  static Map<String, Double> resolve(
      String rule, Map<String, Double> defaults, Map<String, Double> given, SourceLocation location)
      throws SpecException {
    Map<String, Double> values = new LinkedHashMap<>(defaults);
    for (Map.Entry<String, Double> entry : given.entrySet()) {
      if (!defaults.containsKey(entry.getKey())) {
        String takes = defaults.isEmpty() ? "takes no parameters" : "takes " + String.join(", ", defaults.keySet());
        throw new SpecException(
            Diagnostic.of(ErrorCode.DG016, location, rule + " has no parameter '" + entry.getKey() + "'")
                .withHint(rule + " " + takes));
      }
      if (!Double.isFinite(entry.getValue())) {
        throw new SpecException(
            Diagnostic.of(ErrorCode.DG017, location, rule + "'s " + entry.getKey() + " must be a finite number"));
      }
      values.put(entry.getKey(), entry.getValue());
    }
    return values;
  }

  /** The symbols a rule's definition may use: its variables and its parameters. */
  static Set<String> symbols(Set<String> variables, Map<String, Double> defaults) {
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

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%s", value);
  }
}
