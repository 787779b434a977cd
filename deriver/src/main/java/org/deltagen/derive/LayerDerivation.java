package org.deltagen.derive;

import java.util.Objects;
import org.deltagen.network.Layer;

/**
 * What the derivation says about one layer l: its activation's derivative and the equations the
 * generated forward and backward passes implement for it.
 *
 * @param index l, from 1 (the first hidden layer) to L (the output layer)
 * @param layer the spec's layer
 * @param derivative f_l' as derived
 * @param activationStep z^l_j = f_l(u^l_j)
 * @param derivativeStep f_l'(u) as derived and simplified
 * @param deltaStep δ^l_j, by the output rule (l = L) or the sum over paths (l < L)
 */
public record LayerDerivation(
    int index,
    Layer layer,
    ActivationDerivative derivative,
    Step activationStep,
    Step derivativeStep,
    Step deltaStep) {

  public LayerDerivation {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(derivative, "derivative");
    Objects.requireNonNull(activationStep, "activationStep");
    Objects.requireNonNull(derivativeStep, "derivativeStep");
    Objects.requireNonNull(deltaStep, "deltaStep");
  }
}
