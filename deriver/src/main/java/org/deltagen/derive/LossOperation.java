package org.deltagen.derive;

import java.util.List;
import org.deltagen.symbolic.Formula;

/**
 * E = Σ_j ℓ(y_j, d_j) from the network's output y = z^L and the target d, with ∂ℓ/∂y as derived
 * and how it combines with the output layer into δ^L.
 *
 * @param depth L
 * @param loss ℓ and its derivative
 * @param delta how δ^L is formed from ∂ℓ/∂y and the output layer
 */
public record LossOperation(int depth, LossDerivation loss, OutputDerivation delta) implements Operation {

  @Override
  public List<Vector> inputs() {
    return List.of(Vector.z(depth));
  }

  @Override
  public Vector output() {
    return Vector.ERROR;
  }

  @Override
  public Step forward() {
    return loss.errorStep();
  }

  /** ∂ℓ/∂y (y_j, d_j): only the j-th term of E reads y_j. */
  @Override
  public Formula deltaContribution(Vector input) {
    OperationGraph.requireInput(this, input);
    return Formula.of("∂ℓ/∂y (y_j, d_j)", "\\pd{\\ell}{y}(y_j, d_j)");
  }
}
