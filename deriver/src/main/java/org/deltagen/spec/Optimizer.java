package org.deltagen.spec;

/** How a step turns the batch gradient into a parameter update. */
public sealed interface Optimizer {

  /** The spec-file keyword. */
  String keyword();

  /** Plain gradient descent, Δw = −η ∂E/∂w, as {@code torch.optim.SGD} without momentum. */
  record Sgd(double learningRate) implements Optimizer {
    /** η when a spec does not give one. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;

    public Sgd {
      if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
        throw new IllegalArgumentException("learning rate must be positive and finite");
      }
    }

    @Override
    public String keyword() {
      return "sgd";
    }
  }
}
