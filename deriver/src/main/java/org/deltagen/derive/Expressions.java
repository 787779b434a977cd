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
}
