package org.deltagen.derive;

import java.util.List;
import org.deltagen.network.Dropout;
import org.deltagen.symbolic.Formula;
import org.deltagen.symbolic.Symbols;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Inverted dropout of layer l's activation, z^l_j = m^l_j f_l(u^l_j) (h^l_j where a skip then adds
 * z^k): in training each m^l_j is 1/(1 − p) with probability 1 − p and 0 otherwise, drawn for each
 * sample; in evaluation m^l_j = 1. The only operation whose result depends on the mode. Backward it
 * passes ∂E/∂z^l_j · m^l_j to f_l(u^l_j), with the same mask.
 *
 * @param layer l
 * @param dropout p and where it is written
 * @param maskDerivative ∂(m s)/∂s as Symja derived it: m
 * @param forward z^l_j = m^l_j f_l(u^l_j)
 * @param skipped whether a skip follows, which reads h^l instead of z^l
 */
public record InvertedDropout(int layer, Dropout dropout, IExpr maskDerivative, Step forward, boolean skipped)
    implements Operation {

  public InvertedDropout {
    if (!dropout.drops() || !(dropout.p() < 1)) {
      throw new IllegalArgumentException("dropout of layer " + layer + " with p = " + dropout.p());
    }
    if (!maskDerivative.equals(Symbols.M)) {
      throw new IllegalArgumentException("∂(m s)/∂s of a dropout is m, not " + maskDerivative);
    }
  }

  /** f_l(u^l). */
  @Override
  public List<Vector> inputs() {
    return List.of(Vector.activated(layer));
  }

  /** z^l, or h^l where a skip adds z^k to it. */
  @Override
  public Vector output() {
    return skipped ? Vector.dropped(layer) : Vector.z(layer);
  }

  /** Random in training, the identity in evaluation. */
  @Override
  public boolean modal() {
    return true;
  }

  /** m^l_j, the mask of unit j. */
  public Formula mask() {
    return mask(layer);
  }

  static Formula mask(int l) {
    return Formula.of("m^" + l + "_j", "m^{(" + l + ")}_j");
  }

  /** ∂E/∂z^l_j · m^l_j: f_l(u^l_j) reaches E only through its unit's dropped value. */
  @Override
  public Formula deltaContribution(Vector input) {
    OperationGraph.requireInput(this, input);
    String v = skipped ? "h" : "z";
    return Formula.of("∂E/∂" + v + "^" + layer + "_j · m^" + layer + "_j",
        "\\pd{E}{" + v + "^{(" + layer + ")}_j}\\, m^{(" + layer + ")}_j");
  }
}
