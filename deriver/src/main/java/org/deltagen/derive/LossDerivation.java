package org.deltagen.derive;

import java.util.Objects;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The per-output error ℓ(y, d), with n already replaced by the number of outputs, and ∂ℓ/∂y as
 * Symja derived and simplified it. E = Σ_j ℓ(y_j, d_j), so ∂E/∂y_j = ∂ℓ/∂y (y_j, d_j).
 *
 * @param perOutput ℓ(y, d)
 * @param raw {@code D(ℓ, y)} as Symja returns it
 * @param derivative the simplified ∂ℓ/∂y
 * @param errorStep the step defining E
 * @param derivativeStep the step stating ∂E/∂y_j
 */
public record LossDerivation(
    IExpr perOutput, IExpr raw, IExpr derivative, Step errorStep, Step derivativeStep) {

  public LossDerivation {
    Objects.requireNonNull(perOutput, "perOutput");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(derivative, "derivative");
    Objects.requireNonNull(errorStep, "errorStep");
    Objects.requireNonNull(derivativeStep, "derivativeStep");
  }
}
