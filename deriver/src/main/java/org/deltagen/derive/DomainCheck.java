package org.deltagen.derive;

import static org.deltagen.symbolic.Symbols.D;
import static org.deltagen.symbolic.Symbols.U;
import static org.deltagen.symbolic.Symbols.Y;

import java.util.Locale;
import java.util.Map;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Expression;
import org.deltagen.network.SpecException;
import org.deltagen.symbolic.SymbolicEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Refuses a user's formula that is not a real, finite number where the network will evaluate it:
 * Log(u) for negative u, ArcSin(2 + u²) anywhere. The trainer would only produce NaN there, and the
 * gradient check would blame deltagen. u is sampled over [−4, 4], the weighted sums a gradient check
 * meets, at points that avoid 0 and the integers; a loss at those outputs y = f_L(u) and at targets
 * d from 0 to 1.
 */
final class DomainCheck {
  private static final int POINTS = 33;
  private static final double LOW = -4;
  private static final double HIGH = 4;
  /** Keeps the samples off 0 and the integers, where removable singularities such as Sin(u)/u sit. */
  private static final double OFFSET = 0.0137;
  private static final double[] TARGETS = {0, 0.25, 0.5, 0.75, 1};

  private static final String ACTIVATION_HINT =
      "write f so it is a finite real number for every real u, e.g. Log(1+Exp(u)) rather than Log(u),"
          + " or restrict it with Piecewise({{…, u > 0}}, …)";
  private static final String LOSS_HINT =
      "write the loss so it is a finite real number for every output y of the last layer and every target d"
          + " in [0, 1], or choose a named loss";

  private final SymbolicEngine engine;

  DomainCheck(SymbolicEngine engine) {
    this.engine = engine;
  }

  /** The activation u ↦ f(u) and its derivative, where f was written as {@code written}. */
  void activation(Expression written, IExpr function, IExpr derivative) throws SpecException {
    for (int k = 0; k < POINTS; k++) {
      double u = sample(k);
      Map<ISymbol, Double> at = Map.of(U, u);
      check(written, "f(u) = ", function, at, "u = " + format(u), ACTIVATION_HINT);
      check(written, "f'(u) of f(u) = ", derivative, at, "u = " + format(u), ACTIVATION_HINT);
    }
  }

  /**
   * The loss ℓ(y, d) and ∂ℓ/∂y at the outputs {@code output} gives (f_L of u, or the logistic
   * function for a softmax layer, whose outputs lie in (0, 1)).
   */
  void loss(Expression written, IExpr perOutput, IExpr derivative, IExpr output) throws SpecException {
    for (int k = 0; k < POINTS; k++) {
      double y = value(F.subst(output, U, F.num(sample(k))));
      if (!Double.isFinite(y)) {
        continue;
      }
      for (double d : TARGETS) {
        Map<ISymbol, Double> at = Map.of(Y, y, D, d);
        String where = "y = " + format(y) + ", d = " + format(d);
        check(written, "loss ", perOutput, at, where, LOSS_HINT);
        check(written, "∂ℓ/∂y of loss ", derivative, at, where, LOSS_HINT);
      }
    }
  }

  private static double sample(int k) {
    return LOW + (HIGH - LOW) * k / (POINTS - 1) + OFFSET;
  }

  private void check(
      Expression written, String what, IExpr expression, Map<ISymbol, Double> at, String where, String hint)
      throws SpecException {
    if (Double.isFinite(value(substitute(expression, at)))) {
      return;
    }
    String reason = reason(expression, at);
    throw new SpecException(
        Diagnostic.of(ErrorCode.DG032, written.location(),
                what + written.text() + " is not defined at " + where
                    + (reason.isEmpty() ? "" : " (" + reason + ")"))
            .withHint(hint));
  }

  private double value(IExpr closed) {
    return engine.evalf(closed);
  }

  private static IExpr substitute(IExpr expression, Map<ISymbol, Double> at) {
    IExpr result = expression;
    for (Map.Entry<ISymbol, Double> entry : at.entrySet()) {
      result = F.subst(result, entry.getKey(), F.num(entry.getValue()));
    }
    return result;
  }

  /**
   * Why the expression has no value: the innermost operation whose arguments all have one but
   * which itself does not, such as "Log of a negative number".
   */
  private String reason(IExpr expression, Map<ISymbol, Double> at) {
    if (expression.isNumber() && !Double.isFinite(value(expression))) {
      return "the number " + shortNumber(expression.toString()) + " is outside double's range";
    }
    if (expression.isInfinity() || expression.isNegativeInfinity() || expression.isComplexInfinity()
        || expression.isDirectedInfinity()) {
      return "Symja evaluates it to " + expression + ", a division by zero";
    }
    if (!expression.isAST()) {
      return "";
    }
    IAST ast = (IAST) expression;
    double[] arguments = new double[ast.argSize()];
    for (int i = 1; i <= ast.argSize(); i++) {
      String inner = reason(ast.get(i), at);
      if (!inner.isEmpty()) {
        return inner;
      }
      arguments[i - 1] = ast.get(i).isList() ? 0 : value(substitute(ast.get(i), at));
    }
    for (double argument : arguments) {
      if (!Double.isFinite(argument)) {
        return "";
      }
    }
    if (Double.isFinite(value(substitute(ast, at)))) {
      return "";
    }
    return describe(ast, arguments);
  }

  private static String describe(IAST ast, double[] arguments) {
    String head = ast.head().toString();
    if (ast.isPower()) {
      double base = arguments[0];
      double exponent = arguments[1];
      if (base == 0 && exponent < 0) {
        return "division by zero";
      }
      if (base < 0 && exponent != Math.rint(exponent)) {
        return exponent == 0.5 ? "Sqrt of a negative number, " + format(base)
            : "a negative number, " + format(base) + ", to the non-integer power " + format(exponent);
      }
      return "the power " + format(base) + "^" + format(exponent) + " overflows";
    }
    if (ast.isLog() && arguments.length == 1) {
      return arguments[0] == 0 ? "Log of 0" : "Log of a negative number, " + format(arguments[0]);
    }
    if ((head.equals("ArcSin") || head.equals("ArcCos")) && arguments.length == 1) {
      return head + " of " + format(arguments[0]) + ", outside [−1, 1]";
    }
    if (arguments.length == 1) {
      return head + " of " + format(arguments[0]) + " is not a finite real number";
    }
    return head + " has no finite real value there";
  }

  private static String shortNumber(String digits) {
    return digits.length() > 24 ? digits.substring(0, 12) + "…(" + digits.length() + " digits)" : digits;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3g", value).replaceAll("(\\.\\d*?)0+($|e)", "$1$2").replace(".e", "e")
        .replaceAll("\\.$", "");
  }
}
