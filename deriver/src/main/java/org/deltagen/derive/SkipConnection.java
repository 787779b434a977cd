package org.deltagen.derive;

import java.util.List;
import org.deltagen.symbolic.Formula;
import org.matheclipse.core.interfaces.IExpr;

/**
 * A residual connection, z^l_j = f_l(u^l_j) + z^k_j (seed 002's F(x) + x): it reads f_l(u^l) and
 * z^k and writes z^l. Backward it passes ∂E/∂z^l_j to both unchanged, so z^k has a second consumer
 * besides u^{k+1}, and its δ gains ∂E/∂z^l_j through {@link OperationGraph#delta}.
 *
 * @param layer l
 * @param from k, 0 for the input x
 * @param identity ∂z^l_j/∂z^k_j as Symja derived it from f_l(u) + s: 1
 * @param forward z^l_j = f_l(u^l_j) + z^k_j
 * @param outputGradient ∂E/∂z^l_j as the sum over z^l's consumers, which the skip passes to z^k;
 *     null in the graph of paths the backward steps are derived from, before it is written
 * @param dropped whether it adds z^k to h^l, f_l(u^l) dropped out, rather than to f_l(u^l)
 */
public record SkipConnection(int layer, int from, IExpr identity, Step forward, Step outputGradient, boolean dropped)
    implements Operation {

  public SkipConnection {
    if (from < 0 || from >= layer) {
      throw new IllegalArgumentException("a skip into layer " + layer + " from layer " + from);
    }
    if (!identity.isOne()) {
      throw new IllegalArgumentException("∂z^l/∂z^k of a skip is 1, not " + identity);
    }
  }

  /** f_l(u^l) (h^l after a dropout) and z^k. */
  @Override
  public List<Vector> inputs() {
    return List.of(dropped ? Vector.dropped(layer) : Vector.activated(layer), Vector.z(from));
  }

  /** z^l. */
  @Override
  public Vector output() {
    return Vector.z(layer);
  }

  /** The same skip, with its ∂E/∂z^l step written. */
  SkipConnection withOutputGradient(Step step) {
    return new SkipConnection(layer, from, identity, forward, step, dropped);
  }

  /** ∂E/∂z^l_j · ∂z^l_j/∂input_j = ∂E/∂z^l_j: both inputs reach z^l_j with the derivative 1. */
  @Override
  public Formula deltaContribution(Vector input) {
    OperationGraph.requireInput(this, input);
    return Formula.of("∂E/∂z^" + layer + "_j", "\\pd{E}{z^{(" + layer + ")}_j}");
  }
}
