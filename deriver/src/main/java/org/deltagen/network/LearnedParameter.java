package org.deltagen.network;

import java.util.Objects;

/**
 * A learnable parameter of an activation, such as PReLU's slope a or the a, b of a user's
 * {@code f(u; a=1, b=0.5)}: its symbol in the activation's expression and its initial value, which
 * the trainer starts from whatever the spec's {@code init} says. Stored after the layer's weight
 * block, in declaration order; named a^l in reports, checks and messages.
 *
 * @param name the symbol, a checked identifier (see {@link Activation#custom})
 * @param initial the value training starts from, finite
 */
public record LearnedParameter(String name, double initial) {
  public LearnedParameter {
    Objects.requireNonNull(name, "name");
    if (!Double.isFinite(initial)) {
      throw new IllegalArgumentException(name + " must start at a finite value, not " + initial);
    }
  }
}
