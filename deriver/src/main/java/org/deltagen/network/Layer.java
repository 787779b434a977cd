package org.deltagen.network;

import java.util.Objects;

/**
 * One layer l ≥ 1: n_l units, z^l_j = f_l(u^l_j), with or without the bias row w^l_{0j}, and with
 * an optional residual connection z^l = f_l(u^l) + z^k.
 *
 * @param skip the residual connection into this layer, or null for none
 */
public record Layer(int units, Activation activation, boolean bias, Skip skip, SourceLocation location) {
  public Layer {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(location, "location");
  }

  /** A layer without a skip. */
  public Layer(int units, Activation activation, boolean bias, SourceLocation location) {
    this(units, activation, bias, null, location);
  }

  /** Whether z^l also adds z^k of an earlier layer. */
  public boolean hasSkip() {
    return skip != null;
  }

  /** This layer with z^l = f_l(u^l) + z^k, k = {@code from}. */
  public Layer withSkip(int from, SourceLocation at) {
    return new Layer(units, activation, bias, new Skip(from, at), location);
  }
}
