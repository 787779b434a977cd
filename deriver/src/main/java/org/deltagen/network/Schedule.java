package org.deltagen.network;

/**
 * How the learning rate changes from epoch to epoch of {@code fit}, as the closed forms of
 * {@code torch.optim.lr_scheduler} give it: η_e for epoch e = 0, 1, … from the optimizer's η_0.
 * A {@link Warmup} may scale the first epochs on top of any schedule.
 */
public sealed interface Schedule {
  /** The keyword in spec files. */
  String keyword();

  /** η_e = η_0. */
  record Constant() implements Schedule {
    @Override
    public String keyword() {
      return "constant";
    }
  }

  /** StepLR: η_e = η_0 γ^⌊e / stepSize⌋. */
  record Step(int stepSize, double gamma) implements Schedule {
    public static final double DEFAULT_GAMMA = 0.1;

    public Step {
      if (stepSize < 1 || !(gamma > 0) || Double.isInfinite(gamma)) {
        throw new IllegalArgumentException("step needs stepSize ≥ 1 and a positive γ, not " + stepSize + ", " + gamma);
      }
    }

    @Override
    public String keyword() {
      return "step";
    }
  }

  /** ExponentialLR: η_e = η_0 γ^e. */
  record Exponential(double gamma) implements Schedule {
    public Exponential {
      if (!(gamma > 0) || Double.isInfinite(gamma)) {
        throw new IllegalArgumentException("exponential needs a positive γ, not " + gamma);
      }
    }

    @Override
    public String keyword() {
      return "exponential";
    }
  }

  /**
   * CosineAnnealingLR: η_e = η_min + (η_0 − η_min)(1 + cos(π e / period)) / 2; as in torch, it
   * rises again after {@code period} epochs.
   */
  record Cosine(int period, double minimum) implements Schedule {
    public Cosine {
      if (period < 1 || !(minimum >= 0) || Double.isInfinite(minimum)) {
        throw new IllegalArgumentException("cosine needs period ≥ 1 and η_min ≥ 0, not " + period + ", " + minimum);
      }
    }

    @Override
    public String keyword() {
      return "cosine";
    }
  }

  /**
   * LinearLR as a warm-up: η_e is multiplied by s + (1 − s) min(e, epochs) / epochs, rising
   * linearly from the start factor s to 1 over {@code epochs} epochs. No warm-up has 0 epochs.
   */
  record Warmup(int epochs, double startFactor) {
    public static final Warmup NONE = new Warmup(0, 1.0);
    public static final double DEFAULT_START_FACTOR = 1.0 / 3;

    public Warmup {
      if (epochs < 0 || !(startFactor > 0) || startFactor > 1) {
        throw new IllegalArgumentException("warm-up needs epochs ≥ 0 and 0 < start ≤ 1, not " + epochs + ", " + startFactor);
      }
    }

    public boolean isNone() {
      return epochs == 0;
    }
  }
}
