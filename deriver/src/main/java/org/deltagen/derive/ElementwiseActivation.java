package org.deltagen.derive;

import java.util.List;
import org.deltagen.network.Layer;
import org.deltagen.symbolic.Formula;

/**
 * z^l_j = f_l(u^l_j), unit by unit, with f_l' as Symja derived it; with a skip it writes f_l(u^l),
 * to which the {@link SkipConnection} adds z^k, and its f_l' is read from u.
 *
 * @param layer l
 * @param spec the spec's layer
 * @param derivative f_l' as derived
 * @param forward z^l_j = f_l(u^l_j)
 * @param derivativeStep f_l'(u) as derived and simplified
 * @param deltaStep δ^l_j = ∂E/∂u^l_j
 * @param learned ∂E/∂a^l for each learnable parameter of f_l, in declaration order (most have none)
 */
public record ElementwiseActivation(int layer, Layer spec, ActivationDerivative derivative, Step forward,
    Step derivativeStep, Step deltaStep, List<LearnedGradient> learned) implements LayerActivation {

  public ElementwiseActivation {
    learned = List.copyOf(learned);
  }

  /** An activation without learnable parameters. */
  public ElementwiseActivation(
      int layer, Layer spec, ActivationDerivative derivative, Step forward, Step derivativeStep, Step deltaStep) {
    this(layer, spec, derivative, forward, derivativeStep, deltaStep, List.of());
  }

  /** z^l, or f_l(u^l) when a skip adds z^k to it to make z^l or a dropout masks it. */
  @Override
  public Vector output() {
    return spec.hasSkip() || spec.hasDropout() ? Vector.activated(layer) : Vector.z(layer);
  }

  /**
   * ∂E/∂z^l_j f_l'(u^l_j): u^l_j reaches z^l only through z^l_j (through f_l(u^l_j) with a skip);
   * û^l_j for a layer with a norm.
   */
  @Override
  public Formula deltaContribution(Vector input) {
    OperationGraph.requireInput(this, input);
    String u = spec.hasNorm() ? "û^" : "u^";
    String uTex = spec.hasNorm() ? "\\hat u^{(" : "u^{(";
    return Formula.of("∂E/∂z^" + layer + "_j · f_" + layer + "'(" + u + layer + "_j)",
        "\\pd{E}{z^{(" + layer + ")}_j}\\, f_{" + layer + "}'\\bigl(" + uTex + layer + ")}_j\\bigr)");
  }
}
