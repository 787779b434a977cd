package org.deltagen.network;

import java.util.Objects;

/** One layer l ≥ 1: n_l units, z^l_j = f_l(u^l_j), with or without the bias row w^l_{0j}. */
public record Layer(int units, Activation activation, boolean bias, SourceLocation location) {
  public Layer {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(location, "location");
  }
}
