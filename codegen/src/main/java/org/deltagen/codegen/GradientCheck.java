package org.deltagen.codegen;

import java.util.Locale;
import java.util.SplittableRandom;
import org.deltagen.spec.NetworkSpec;

/**
 * Checks a compiled trainer's {@code backward} against numerical differentiation of its {@code
 * loss}, in float64, at random parameters, inputs and targets. The numerical derivative is the
 * fourth-order central difference (f(w−2h) − 8f(w−h) + 8f(w+h) − f(w+2h)) / 12h; the error is
 * symmetric and relative, |a − n| / max(|a|, |n|, floor), so gradients near zero are compared
 * absolutely.
 */
public final class GradientCheck {
  /** The largest error a double-precision trainer may show. */
  public static final double DEFAULT_TOLERANCE = 1e-7;

  private static final double STEP = 1e-4;
  private static final double FLOOR = 1e-4;
  private static final int SAMPLES = 3;

  private final NetworkSpec spec;
  private final double tolerance;

  public GradientCheck(NetworkSpec spec, double tolerance) {
    this.spec = spec;
    this.tolerance = tolerance;
  }

  public GradientCheck(NetworkSpec spec) {
    this(spec, DEFAULT_TOLERANCE);
  }

  /** The worst parameter over all samples: where it is, both values, and their error. */
  public record Worst(int index, String name, double analytic, double numeric, double error) {}

  /** The outcome: how much was checked and the worst parameter found. */
  public record Result(int parameters, int samples, Worst worst, double tolerance) {
    public boolean passed() {
      return worst.error <= tolerance;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "gradient check %s: %d parameters × %d samples; worst %s: analytic %.12g, numeric %.12g,"
              + " relative error %.2e %s tolerance %.0e",
          passed() ? "passed" : "FAILED", parameters, samples, worst.name, worst.analytic,
          worst.numeric, worst.error, passed() ? "≤" : ">", tolerance);
    }
  }

  /** Runs the check on {@code trainer}, drawing points from a generator seeded with {@code seed}. */
  public Result run(Trainer trainer, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = trainer.parameters();
    Worst worst = null;
    for (int sample = 0; sample < SAMPLES; sample++) {
      fill(w, random, -1, 1);
      double[] x = fill(new double[spec.inputs()], random, -1, 1);
      double[] d = fill(new double[spec.outputs()], random, 0, 1);
      trainer.zeroGradients();
      double e = trainer.backward(x, d);
      double[] analytic = trainer.gradients().clone();
      checkLossAgrees(e, trainer.loss(x, d));
      for (int p = 0; p < w.length; p++) {
        double numeric = numericDerivative(trainer, w, p, x, d);
        double error = Math.abs(analytic[p] - numeric)
            / Math.max(FLOOR, Math.max(Math.abs(analytic[p]), Math.abs(numeric)));
        if (worst == null || error > worst.error || Double.isNaN(error)) {
          worst = new Worst(p, parameterName(spec, p), analytic[p], numeric, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error);
        }
      }
    }
    return new Result(w.length, SAMPLES, worst, tolerance);
  }

  private static double numericDerivative(Trainer trainer, double[] w, int p, double[] x, double[] d) {
    double original = w[p];
    double[] losses = new double[4];
    double[] offsets = {-2 * STEP, -STEP, STEP, 2 * STEP};
    for (int k = 0; k < offsets.length; k++) {
      w[p] = original + offsets[k];
      losses[k] = trainer.loss(x, d);
    }
    w[p] = original;
    return (losses[0] - 8 * losses[1] + 8 * losses[2] - losses[3]) / (12 * STEP);
  }

  private static void checkLossAgrees(double fromBackward, double fromLoss) {
    if (Double.compare(fromBackward, fromLoss) != 0) {
      throw new IllegalStateException(
          "backward returned E = " + fromBackward + " but loss gives " + fromLoss + " for the same sample");
    }
  }

  private static double[] fill(double[] values, SplittableRandom random, double low, double high) {
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble(low, high);
    }
    return values;
  }

  /**
   * The name of parameter {@code index} in the notation of seed 001: w^l_{ij}, i = 0 the bias row,
   * i ≥ 1 the input z^{l-1}_i, j = 1 … n_l the unit.
   */
  public static String parameterName(NetworkSpec spec, int index) {
    for (int l = spec.depth(); l >= 1; l--) {
      int offset = spec.weightOffset(l);
      if (index >= offset) {
        int row = (index - offset) / spec.units(l);
        int column = (index - offset) % spec.units(l);
        int i = spec.layer(l).bias() ? row : row + 1;
        return "w^" + l + "_{" + i + "," + (column + 1) + "}";
      }
    }
    throw new IllegalArgumentException("no parameter " + index);
  }
}
