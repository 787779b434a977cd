package org.deltagen.symbolic;

import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/** How the writers of Java and of LaTeX read Symja's sums: a − b is stored as a + (−1)·b. */
public final class Terms {
  private Terms() {}

  /** −term when the term carries a negative coefficient (so it is written after a minus), else null. */
  public static IExpr negation(IExpr term) {
    if (term.isNumber() && term.isNegative()) {
      return term.negate();
    }
    if (term.isTimes() && term.first().isNumber() && term.first().isNegative()) {
      IExpr coefficient = term.first().negate();
      if (!coefficient.isOne()) {
        return ((IAST) term).setAtCopy(1, coefficient);
      }
      IAST rest = ((IAST) term).removeAtClone(1);
      return rest.argSize() == 1 ? rest.arg1() : rest;
    }
    return null;
  }
}
