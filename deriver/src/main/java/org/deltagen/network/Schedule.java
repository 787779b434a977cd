package org.deltagen.network;

import java.util.List;

/**
 * How the learning rate changes from epoch to epoch of {@code fit}, as the closed forms of
 * {@code torch.optim.lr_scheduler} give it: η_e for epoch e = 0, 1, … from the optimizer's η_0.
 * A {@link Warmup} may scale the first epochs on top of any schedule.
 */
public sealed interface Schedule {
  /** Its descriptor: keyword, options and defaults. */
  ScheduleKind kind();

  /** The keyword in spec files. */
  default String keyword() {
    return kind().keyword();
  }

  /** η_e without warm-up, in text, e.g. {@code η_0 · 0.1^⌊e/30⌋}. */
  String rateText();

  /** η_e without warm-up, in TeX. */
  String rateTex();

  /** {@code value} to six significant digits, without trailing zeros: 1 − 1/3 reads 0.666667. */
  static String decimal(double value) {
    return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
  }

  /** η_e = η_0. */
  record Constant() implements Schedule {
    @Override
    public ScheduleKind kind() {
      return ScheduleKind.CONSTANT;
    }

    @Override
    public String rateText() {
      return "η_0";
    }

    @Override
    public String rateTex() {
      return "\\eta_0";
    }
  }

  /** StepLR: η_e = η_0 γ^⌊e / stepSize⌋. */
  record Step(int stepSize, double gamma) implements Schedule {
    public Step {
      if (stepSize < 1 || !(gamma > 0) || Double.isInfinite(gamma)) {
        throw new IllegalArgumentException("step needs stepSize ≥ 1 and a positive γ, not " + stepSize + ", " + gamma);
      }
    }

    @Override
    public ScheduleKind kind() {
      return ScheduleKind.STEP;
    }

    @Override
    public String rateText() {
      return "η_0 · " + decimal(gamma) + "^⌊e/" + stepSize + "⌋";
    }

    @Override
    public String rateTex() {
      return "\\eta_0\\, " + decimal(gamma) + "^{\\lfloor e/" + stepSize + "\\rfloor}";
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
    public ScheduleKind kind() {
      return ScheduleKind.EXPONENTIAL;
    }

    @Override
    public String rateText() {
      return "η_0 · " + decimal(gamma) + "^e";
    }

    @Override
    public String rateTex() {
      return "\\eta_0\\, " + decimal(gamma) + "^{e}";
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
    public ScheduleKind kind() {
      return ScheduleKind.COSINE;
    }

    @Override
    public String rateText() {
      return "(" + decimal(minimum) + " + (η_0 − " + decimal(minimum) + ")(1 + cos(π e/" + period + "))/2)";
    }

    @Override
    public String rateTex() {
      return "\\Bigl(" + decimal(minimum) + " + (\\eta_0 - " + decimal(minimum) + ")\\,\\frac{1 + \\cos(\\pi e/" + period
          + ")}{2}\\Bigr)";
    }
  }

  /**
   * LinearLR as a warm-up: η_e is multiplied by s + (1 − s) min(e, epochs) / epochs, rising
   * linearly from the start factor s to 1 over {@code epochs} epochs. No warm-up has 0 epochs.
   */
  record Warmup(int epochs, double startFactor) {
    public static final Warmup NONE = new Warmup(0, 1.0);
    public static final double DEFAULT_START_FACTOR = 1.0 / 3;

    /** The warmup statement's options: epochs, required, and the start factor, 1/3 by default as in torch. */
    public static final List<HyperParameter> PARAMETERS = List.of(
        HyperParameter.number("epochs", Double.NaN, HyperParameter.Range.COUNT, "W", "W", "WARMUP_EPOCHS"),
        HyperParameter.number("start", DEFAULT_START_FACTOR, HyperParameter.Range.UNIT, "s", "s", "WARMUP_START"));

    public Warmup {
      if (epochs < 0 || !(startFactor > 0) || startFactor > 1) {
        throw new IllegalArgumentException("warm-up needs epochs ≥ 0 and 0 < start ≤ 1, not " + epochs + ", " + startFactor);
      }
    }

    public boolean isNone() {
      return epochs == 0;
    }

    /** The factor on η_e in text, e.g. {@code (0.1 + 0.9 min(e, 5)/5) · }; empty without warm-up. */
    public String factorText() {
      return isNone() ? ""
          : "(" + decimal(startFactor) + " + " + decimal(1 - startFactor) + " min(e, " + epochs + ")/" + epochs + ") · ";
    }

    /** The factor on η_e in TeX. */
    public String factorTex() {
      return isNone() ? ""
          : "\\Bigl(" + decimal(startFactor) + " + " + decimal(1 - startFactor)
              + "\\,\\frac{\\min(e, " + epochs + ")}{" + epochs + "}\\Bigr)\\,";
    }
  }
}
