package org.deltagen.derive;

import java.util.Objects;
import org.deltagen.network.LearnedParameter;
import org.matheclipse.core.interfaces.IExpr;

/**
 * One learnable parameter a^l of layer l's activation: ∂f_l/∂a as Symja's D gave it, and the
 * gradient ∂E/∂a^l = Σ_j ∂E/∂z^l_j ∂f_l/∂a(u^l_j) that the backward pass adds up.
 *
 * @param parameter the name and initial value
 * @param index where a^l sits in the flat parameter vector
 * @param raw {@code D(f(u), a)} as Symja returns it
 * @param derivative its cheaper simplified form, in u and the parameters, which the code evaluates
 * @param derivativeStep ∂f_l/∂a, as derived and simplified
 * @param gradientStep ∂E/∂a^l as the sum over the layer's units
 */
public record LearnedGradient(
    LearnedParameter parameter, int index, IExpr raw, IExpr derivative, Step derivativeStep, Step gradientStep) {
  public LearnedGradient {
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(derivative, "derivative");
    Objects.requireNonNull(gradientStep, "gradientStep");
  }

  /** a^l, in text: the parameter's name with its layer. */
  public static String name(LearnedParameter parameter, int l) {
    return parameter.name() + "^" + l;
  }
}
