package org.deltagen.symbolic;

import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * A rough price of evaluating an expression in generated code: transcendental calls dominate,
 * divisions come next, everything else counts one. Used to pick the cheaper of equal forms.
 */
public final class Cost {
  private static final int TRANSCENDENTAL = 20;
  private static final int DIVISION = 4;

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
    MathFunction function = MathFunction.of(ast);
    if (function != null && function.transcendental() || function == MathFunction.SQRT) {
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
