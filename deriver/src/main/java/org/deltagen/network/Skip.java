package org.deltagen.network;

import java.util.Objects;

/**
 * A residual connection into layer l: z^l = f_l(u^l) + z^k, seed 002's F(x) + x, with k the layer
 * it comes from (0 for the input x).
 *
 * @param from k
 * @param location where {@code skip=k} is written
 */
public record Skip(int from, SourceLocation location) {
  public Skip {
    Objects.requireNonNull(location, "location");
  }
}
