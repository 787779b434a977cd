package org.deltagen.derive;

import java.util.List;
import org.deltagen.network.Layer;
import org.deltagen.symbolic.Formula;

/**
 * u^l = W^l z^{l-1} (+ the bias row): layer l's weighted sums and the block of parameters they
 * own, w^l_{ij} for rows i (row 0 the bias) and columns j.
 *
 * @param layer l
 * @param spec the spec's layer
 * @param offset where the block starts in the flat parameter vector
 * @param rows n_{l-1}, plus 1 with a bias
 * @param columns n_l
 * @param forward the weighted sum instantiated for l
 * @param gradient ∂E/∂w^l_{ij} = δ^l_j z^{l-1}_i, instantiated for l
 */
public record WeightedSum(int layer, Layer spec, int offset, int rows, int columns, Step forward, Step gradient)
    implements Operation {

  public WeightedSum {
    if (layer < 1 || rows < 1 || columns < 1 || offset < 0) {
      throw new IllegalArgumentException("layer " + layer + ": a " + rows + " × " + columns + " block at " + offset);
    }
  }

  public boolean bias() {
    return spec.bias();
  }

  @Override
  public List<Vector> inputs() {
    return List.of(Vector.z(layer - 1));
  }

  @Override
  public Vector output() {
    return Vector.u(layer);
  }

  /** Σ_k δ^l_k w^l_{jk}: z^{l-1}_j feeds every u^l_k, weighted by w^l_{jk}. */
  @Override
  public Formula deltaContribution(Vector input) {
    OperationGraph.requireInput(this, input);
    return Formula.of("Σ_k δ^" + layer + "_k w^" + layer + "_{jk}",
        "\\sum_k \\delta^{(" + layer + ")}_k\\, w^{(" + layer + ")}_{jk}");
  }
}
