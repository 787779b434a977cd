package org.deltagen.derive;

import java.util.List;
import org.deltagen.network.Layer;

/**
 * The operation that writes a layer's output z^l (or f_l(u^l), to which a skip adds) from its
 * weighted sums u^l, and its δ^l.
 */
public interface LayerActivation extends Operation {
  /** l. */
  int layer();

  /** The spec's layer. */
  Layer spec();

  /** f_l' as derived. */
  ActivationDerivative derivative();

  /** f_l'(u) as derived and simplified. */
  Step derivativeStep();

  /** δ^l_j = ∂E/∂u^l_j. */
  Step deltaStep();

  /** ∂E/∂a^l for each learnable parameter of f_l, in declaration order; none for most activations. */
  default List<LearnedGradient> learned() {
    return List.of();
  }

  /** u^l, or û^l where the layer normalizes u^l first. */
  @Override
  default List<Vector> inputs() {
    return List.of(spec().hasNorm() ? Vector.normalized(layer()) : Vector.u(layer()));
  }

  /** z^l (f_l(u^l) where a skip adds z^k to it). */
  @Override
  default Vector output() {
    return Vector.z(layer());
  }
}
