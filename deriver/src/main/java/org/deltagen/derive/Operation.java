package org.deltagen.derive;

import java.util.List;
import org.deltagen.symbolic.Formula;

/**
 * One node of the network's graph: it reads vectors, writes one, and knows its part of both passes.
 * Forward, its equation; backward, its term of the chain rule's sum over paths: for each input v,
 * the contribution to ∂E/∂v_j that flows through this operation. The derivation sums these terms
 * over a vector's consumers, so an operation never assumes it is the only reader of its inputs.
 */
public interface Operation {
  /** The vectors it reads. */
  List<Vector> inputs();

  /** The vector it writes. */
  Vector output();

  /** Its forward equation, as the code that implements it cites it. */
  Step forward();

  /** ∂E/∂input_j through this operation alone, in terms of δ of its output; {@code input} is one of {@link #inputs()}. */
  Formula deltaContribution(Vector input);

  /**
   * Whether it computes differently in training (step, fit) than in evaluation (predict, loss):
   * dropout's random mask, batch statistics. The trainer's forward pass then takes the mode.
   */
  default boolean modal() {
    return false;
  }
}
