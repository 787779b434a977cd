package org.deltagen.network;

import java.util.Objects;

/**
 * Inverted dropout on a layer's activation, {@code dropout=p}: in training each f_l(u^l_j) is
 * multiplied by its own m^l_j, 1/(1 − p) with probability 1 − p and 0 otherwise, so that its
 * expectation is f_l(u^l_j) and evaluation needs no rescaling; in evaluation m^l_j = 1. p = 0 is
 * no dropout and generates no code. {@link SpecChecks#checkDropouts} keeps p in [0, 1); p is no
 * part of the architecture's digest, since it adds no parameter.
 *
 * @param p the probability that a unit is dropped
 * @param location where {@code dropout=p} is written
 */
public record Dropout(double p, SourceLocation location) {
  public Dropout {
    Objects.requireNonNull(location, "location");
  }

  /** Whether it drops anything: p &gt; 0. */
  public boolean drops() {
    return p > 0;
  }

  /** 1/(1 − p), the value of a kept unit's mask. */
  public double scale() {
    return 1 / (1 - p);
  }
}
