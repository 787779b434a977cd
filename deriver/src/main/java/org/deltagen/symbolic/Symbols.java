package org.deltagen.symbolic;

import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.ISymbol;

/** The plain symbols derivations are written in; Symja's {@code D} needs plain symbols. */
public final class Symbols {
  /** u, a unit's weighted sum. */
  public static final ISymbol U = F.symbol("u");
  /** z = f(u), a unit's output. */
  public static final ISymbol Z = F.symbol("z");
  /** y, an output of the network. */
  public static final ISymbol Y = F.symbol("y");
  /** d, the target for an output. */
  public static final ISymbol D = F.symbol("d");
  /** w, one weight, in the L1 penalty's rule. */
  public static final ISymbol W = F.symbol("w");
  /** s, the z^k_j a skip adds to a unit's output: z = f(u) + s. */
  public static final ISymbol S = F.symbol("s");
  /** m, a unit's dropout mask, by which it multiplies the activation's value: m·s. */
  public static final ISymbol M = F.symbol("m");
  /** n, the number of outputs, in loss rules such as mse. */
  public static final ISymbol N = F.symbol("n");

  private Symbols() {}
}
