package org.deltagen.derive;

import org.deltagen.symbolic.Cost;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/** Small helpers over Symja expressions used by the derivation. */
final class Expressions {
  private Expressions() {}

  /** The cheaper of an expression and its simplification; Symja's Simplify can make things worse. */
  static IExpr cheaper(IExpr original, IExpr simplified) {
    if (simplified.equals(F.$Aborted) || !simplified.isPresent()) {
      return original;
    }
    return Cost.of(simplified) <= Cost.of(original) ? simplified : original;
  }

  /** Plain-text form for step statements, with u and z indexed as u^l_j and z^l_j. */
  static String text(IExpr expression, int layer) {
    return rename(rename(expression.toString(), "u", "u^" + layer + "_j"), "z", "z^" + layer + "_j");
  }

  /** Plain-text form of a loss expression, with y and d indexed as y_j and d_j. */
  static String outputText(IExpr expression) {
    return rename(rename(expression.toString(), "y", "y_j"), "d", "d_j");
  }

  /** Renames a symbol; an indexed name that is raised to a power is parenthesized, (z^1_j)^2. */
  private static String rename(String text, String symbol, String replacement) {
    String alone = "(?<![A-Za-z0-9_$^])" + symbol + "(?![A-Za-z0-9_$])";
    return text.replaceAll(alone + "(?=\\^)", "(" + replacement + ")").replaceAll(alone + "(?!\\^)", replacement);
  }
}
