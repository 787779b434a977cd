package org.deltagen.derive;

import java.util.List;
import org.deltagen.network.Norm;
import org.deltagen.symbolic.Formula;

/**
 * A layer's normalization, û^l_j = γ^l_j (u^l_j − μ)/√(σ² + ε) + β^l_j with μ and σ² over the
 * group of j (the whole layer for {@code norm=layer}): it reads u^l and writes û^l, which f_l
 * reads. Backward, u^l_j reaches every û^l_i of its group, directly and through μ and σ², so its
 * contribution to δ^l_j is the sum over those paths, (1/σ)(g_j − mean g − x̂_j mean(g x̂)) with g_i
 * = γ^l_i ∂E/∂û^l_i ({@link NormPartials}). Batch norm ({@code norm=batch}) takes μ and σ² per unit
 * over the batch's samples in training, so that the paths run over the samples instead, and is
 * {@link #modal()}: evaluation reads the running statistics.
 *
 * @param layer l
 * @param norm the spec's normalization
 * @param units n_l
 * @param offset the index of β^l_1; γ^l_j is at {@code offset + units + j − 1}
 * @param partials the local partials, from Symja
 * @param forward μ, σ², x̂^l_j and û^l_j
 * @param paths δ^l_j as the sum over the three paths, then the compact form
 * @param parameterGradient ∂E/∂β^l_j and ∂E/∂γ^l_j
 */
public record Normalization(int layer, Norm norm, int units, int offset, NormPartials partials, Step forward,
    Step paths, Step parameterGradient) implements Operation {

  /** u^l. */
  @Override
  public List<Vector> inputs() {
    return List.of(Vector.u(layer));
  }

  /** û^l. */
  @Override
  public Vector output() {
    return Vector.normalized(layer);
  }

  /** m, the units of a group: μ and σ² are taken over m consecutive units. */
  public int groupSize() {
    return norm.groupSize(units);
  }

  /** The index of γ^l_1. */
  public int scaleOffset() {
    return offset + units;
  }

  /** (1/σ)(g_j − (1/m)Σ_i g_i − x̂_j (1/m)Σ_i g_i x̂_i), i over j's group. */
  @Override
  public Formula deltaContribution(Vector input) {
    OperationGraph.requireInput(this, input);
    return NormEquations.compact(layer, norm);
  }

  /** Batch norm: batch statistics in training, running statistics in evaluation. */
  @Override
  public boolean modal() {
    return norm.overBatch();
  }
}
