package org.deltagen.derive;

import org.deltagen.network.Layer;
import org.deltagen.symbolic.Formula;

/**
 * y_j = e^{u_j} / Σ_k e^{u_k} over the output layer: every output depends on every u^L_j, so its δ
 * is a sum over all outputs (or, where Symja cancels it with the loss, y − d).
 *
 * @param layer L
 * @param spec the spec's layer
 * @param derivative the derivative of the unnormalized f, for the report's table
 * @param forward z^L_j as the normalized f
 * @param derivativeStep that derivative's step
 * @param jacobianStep the derived ∂y_k/∂u_j
 * @param deltaStep δ^L_j as the sum over the outputs
 */
public record Softmax(
    int layer, Layer spec, ActivationDerivative derivative, Step forward, Step derivativeStep, Step jacobianStep,
    Step deltaStep) implements LayerActivation {

  /** Σ_k ∂E/∂y_k ∂y_k/∂u^L_j: u^L_j reaches every output. */
  @Override
  public Formula deltaContribution(Vector input) {
    OperationGraph.requireInput(this, input);
    return Formula.of("Σ_k ∂E/∂y_k ∂y_k/∂u^" + layer + "_j",
        "\\sum_k \\pd{E}{y_k} \\pd{y_k}{u^{(" + layer + ")}_j}");
  }
}
