package org.deltagen.symbolic;

import java.util.Set;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * A rough price of evaluating an expression in generated code: transcendental calls dominate,
 * divisions come next, everything else counts one. Used to pick the cheaper of equal forms.
 */
public final class Cost {
  private static final int TRANSCENDENTAL = 20;
  private static final int DIVISION = 4;
  private static final Set<String> TRANSCENDENTAL_HEADS =
      Set.of(
          "Exp", "Log", "Tanh", "Sech", "Cosh", "Sinh", "Csch", "Coth", "Sin", "Cos", "Tan", "Sec",
          "Csc", "Cot", "ArcTan", "ArcSin", "ArcCos", "ArcTanh", "ArcSinh", "ArcCosh", "Erf", "Erfc",
          "Sqrt");

  private Cost() {}

  public static int of(IExpr expression) {
    if (!expression.isAST()) {
      return 1;
    }
    IAST ast = (IAST) expression;
    int cost = ownCost(ast);
    for (int i = 1; i <= ast.argSize(); i++) {
      cost += of(ast.get(i));
    }
    return cost;
  }

  /** True when evaluating the expression needs a call such as exp or tanh. */
  public static boolean isTranscendental(IExpr expression) {
    return of(expression) >= TRANSCENDENTAL;
  }

  private static int ownCost(IAST ast) {
    String head = ast.head().toString();
    if (TRANSCENDENTAL_HEADS.contains(head)) {
      return TRANSCENDENTAL;
    }
    if (ast.isPower()) {
      IExpr base = ast.base();
      IExpr exponent = ast.exponent();
      if (base.isE() || !exponent.isInteger()) {
        return TRANSCENDENTAL;
      }
      return exponent.isNegative() ? DIVISION : 1;
    }
    return 1;
  }
}
