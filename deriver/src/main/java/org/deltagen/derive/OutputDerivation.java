package org.deltagen.derive;

import java.util.Objects;
import org.matheclipse.core.interfaces.IExpr;

/**
 * How δ^L_j = ∂E/∂u^L_j is computed. For an element-wise output layer it is ∂ℓ/∂y · f'(u); for a
 * softmax layer y_j depends on every u_k, so it is the sum over all paths Σ_k ∂E/∂y_k ∂y_k/∂u_j =
 * y_j (g_j − Σ_k g_k y_k) with g = ∂ℓ/∂y. Where Symja simplifies the product or the sum (sigmoid
 * with binary cross-entropy, softmax with cross-entropy: y_j − d_j), the simplified form is used.
 *
 * @param lossGradient g(y, d) = ∂ℓ/∂y
 * @param delta δ^L_j as an expression in y, d and u; null when the code must form the softmax
 *     Jacobian-vector product y_j (g_j − Σ_k g_k y_k)
 * @param unsimplified the product or path sum before simplification, for the report
 * @param normalized true for a softmax output layer
 * @param fused true when simplification cancelled factors (the cancellation step records it)
 * @param jacobianStep the derived ∂y_k/∂u_j of a softmax layer, or null
 * @param cancellationStep the step showing the cancellation, or null
 */
public record OutputDerivation(
    IExpr lossGradient,
    IExpr delta,
    IExpr unsimplified,
    boolean normalized,
    boolean fused,
    Step jacobianStep,
    Step cancellationStep) {

  public OutputDerivation {
    Objects.requireNonNull(lossGradient, "lossGradient");
    Objects.requireNonNull(unsimplified, "unsimplified");
    if (delta == null && !normalized) {
      throw new IllegalArgumentException("an element-wise output layer has a δ expression");
    }
  }

  /** True when the generated code forms the softmax Jacobian-vector product itself. */
  public boolean needsJacobianProduct() {
    return delta == null;
  }
}
