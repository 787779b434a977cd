package org.deltagen.network;

/**
 * How a step turns the batch gradient g into a parameter update, each with the exact semantics
 * and defaults of its {@code torch.optim} namesake. Weight decay adds weightDecay·w to g (AdamW
 * instead shrinks w directly) and, as in torch, applies to biases too unless {@code decayBiases}
 * is false.
 */
public sealed interface Optimizer {

  /** The spec-file keyword. */
  String keyword();

  /** η. */
  double learningRate();

  double weightDecay();

  boolean decayBiases();

  /** {@code torch.optim.SGD}: momentum with dampening, Nesterov, L2 weight decay. */
  record Sgd(double learningRate, double momentum, double dampening, boolean nesterov, double weightDecay,
      boolean decayBiases) implements Optimizer {
    /** η when a spec does not give one. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;

    public Sgd {
      positive("learning rate", learningRate);
      nonNegative("momentum", momentum);
      nonNegative("dampening", dampening);
      nonNegative("weight decay", weightDecay);
      if (nesterov && (momentum <= 0 || dampening != 0)) {
        throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
      }
    }

    /** Plain gradient descent, Δw = −η g. */
    public Sgd(double learningRate) {
      this(learningRate, 0, 0, false, 0, true);
    }

    @Override
    public String keyword() {
      return "sgd";
    }
  }

  /** {@code torch.optim.Adagrad}. */
  record Adagrad(double learningRate, double learningRateDecay, double weightDecay, double initialAccumulator,
      double eps, boolean decayBiases) implements Optimizer {
    public Adagrad {
      positive("learning rate", learningRate);
      nonNegative("learning-rate decay", learningRateDecay);
      nonNegative("weight decay", weightDecay);
      nonNegative("initial accumulator", initialAccumulator);
      nonNegative("eps", eps);
    }

    @Override
    public String keyword() {
      return "adagrad";
    }
  }

  /** {@code torch.optim.RMSprop}, optionally centered and with momentum. */
  record RmsProp(double learningRate, double alpha, double eps, double weightDecay, double momentum,
      boolean centered, boolean decayBiases) implements Optimizer {
    public RmsProp {
      positive("learning rate", learningRate);
      fraction("alpha", alpha);
      nonNegative("eps", eps);
      nonNegative("weight decay", weightDecay);
      nonNegative("momentum", momentum);
    }

    @Override
    public String keyword() {
      return "rmsprop";
    }
  }

  /**
   * {@code torch.optim.Adam}, or with {@code decoupled} {@code torch.optim.AdamW}, whose weight
   * decay multiplies w by 1 − η·λ before the Adam step instead of adding λw to g.
   */
  record Adam(double learningRate, double beta1, double beta2, double eps, double weightDecay,
      boolean decoupled, boolean decayBiases) implements Optimizer {
    public Adam {
      positive("learning rate", learningRate);
      fraction("beta1", beta1);
      fraction("beta2", beta2);
      nonNegative("eps", eps);
      nonNegative("weight decay", weightDecay);
    }

    @Override
    public String keyword() {
      return decoupled ? "adamw" : "adam";
    }
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, not " + value);
    }
  }

  private static void nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be zero or more, not " + value);
    }
  }

  private static void fraction(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), not " + value);
    }
  }
}
