package org.deltagen.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deltagen.derive.LearnedGradient;
import org.deltagen.network.Layer;
import org.deltagen.network.NamedLoss;

import org.deltagen.network.NetworkSpec;
import org.deltagen.symbolic.MathFunction;
import org.deltagen.network.Precision;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Checks a compiled trainer's {@code backward} against numerical differentiation of its {@code
 * loss} ({@code trainingLoss} where training and evaluation differ, so that both see the same
 * dropout mask), in float64, at random parameters, inputs and targets. The numerical derivative is the
 * fourth-order central difference (f(w−2h) − 8f(w−h) + 8f(w+h) − f(w+2h)) / 12h; the error is
 * symmetric and relative, |a − n| / max(|a|, |n|, floor), so gradients near zero are compared
 * absolutely. The floor grows with the error of the sample, max(10⁻⁴, 10⁻³·|E|): E itself is
 * rounded to about 2⁻⁵²·|E|, which the difference divides by h, so a network whose E is in the
 * hundreds (a 784-128-10 softmax at random parameters) has numeric derivatives noisy at 10⁻⁹.
 *
 * <p>Kinks: where the network has non-smooth functions (ReLU-type Piecewise, Abs, Max, …), a kink
 * inside the stencil makes the central difference meaningless. It shows as a disagreement between
 * the fourth- and second-order differences, which for a smooth loss agree to about h²·|E'''|;
 * such a parameter is checked one-sidedly instead: the analytic value must lie between the left
 * and right differences taken with a much smaller step. Those parameters are reported.
 *
 * <p>A trainer with batch norm has no gradient of one sample: its samples are coupled through the
 * batch's statistics. It is checked over a batch of {@link #BATCH} samples instead, {@code
 * batchGradient} against the differences of {@code trainingLoss} of the batch, both in training
 * mode; neither moves the running statistics.
 *
 * <p>A float trainer computes E from float arrays, so each difference carries rounding of some
 * 2⁻²⁴·|E|/h: it is checked with a larger step, the looser {@link #FLOAT_TOLERANCE}, and a floor
 * that grows with the error, max(10⁻², |E|/32), below which gradients are compared absolutely.
 */
public final class GradientCheck {
  /** The largest error a double-precision trainer may show. */
  public static final double DEFAULT_TOLERANCE = 1e-7;
  /** The largest error a float-precision trainer may show. */
  public static final double FLOAT_TOLERANCE = 2e-3;
  /** Larger networks have a seeded sample of this many parameters checked per point. */
  public static final int MAX_PARAMETERS_PER_POINT = 400;

  /** Steps and thresholds for one precision: h, h₁ of the one-sided differences, the floor, the kink signal. */
  private record Stencil(double step, double oneSidedStep, double floor, double floorPerError, double kinkSignal) {
    /** The floor at a sample whose error is {@code loss}. */
    double floorAt(double loss) {
      return Math.max(floor, floorPerError * Math.abs(loss));
    }
  }

  private static final Stencil DOUBLE = new Stencil(1e-4, 1e-7, 1e-4, 1e-3, 1e-5);
  private static final Stencil FLOAT = new Stencil(0x1p-7, 1e-3, 1e-2, 1.0 / 32, 1e-2);
  private static final int POINTS = 3;
  /** The samples of the batch a batch-normed trainer is checked over. */
  static final int BATCH = 4;

  /** Where the check differentiates: one sample, or a batch for a batch-normed trainer. */
  private interface Point {
    /** The gradient into the trainer's gradients, and E. */
    double backward(Trainer trainer);

    /** E as backward computes it, in training mode. */
    double loss(Trainer trainer);
  }

  private record Sample(double[] x, double[] d) implements Point {
    @Override
    public double backward(Trainer trainer) {
      trainer.zeroGradients();
      return trainer.backward(x, d);
    }

    @Override
    public double loss(Trainer trainer) {
      return trainer.trainingLoss(x, d);
    }
  }

  private record Batch(double[][] xs, double[][] ds) implements Point {
    @Override
    public double backward(Trainer trainer) {
      return trainer.batchGradient(xs, ds);
    }

    @Override
    public double loss(Trainer trainer) {
      return trainer.trainingLoss(xs, ds);
    }
  }

  private final NetworkSpec spec;
  private final double tolerance;
  private final Stencil stencil;
  private final boolean kinked;

  public GradientCheck(NetworkSpec spec, double tolerance) {
    this.spec = spec;
    this.tolerance = tolerance;
    this.stencil = spec.precision() == Precision.FLOAT ? FLOAT : DOUBLE;
    this.kinked = hasKinks(spec);
  }

  /** A check with the default tolerance of the spec's precision. */
  public GradientCheck(NetworkSpec spec) {
    this(spec, spec.precision() == Precision.FLOAT ? FLOAT_TOLERANCE : DEFAULT_TOLERANCE);
  }

  /** The worst parameter over all points: where it is, both values, and their error. */
  public record Worst(int index, String name, double analytic, double numeric, double error) {}

  /**
   * The outcome: how much was checked, the worst parameter found, and the parameters checked
   * one-sidedly at kinks.
   */
  public record Result(int parameters, int checked, int points, Worst worst, double tolerance, List<String> oneSided) {
    public Result {
      oneSided = List.copyOf(oneSided);
    }

    public boolean passed() {
      return worst.error <= tolerance;
    }

    /** True when the worst parameter's gradient, analytic or numeric, is not a finite number. */
    public boolean nonFinite() {
      return !Double.isFinite(worst.analytic) || !Double.isFinite(worst.numeric);
    }

    @Override
    public String toString() {
      String scope = checked == parameters ? parameters + " parameters" : checked + " of " + parameters + " parameters";
      String text = String.format(
          Locale.ROOT,
          "gradient check %s: %s × %d points; worst %s: analytic %.12g, numeric %.12g,"
              + " relative error %.2e %s tolerance %.0e",
          passed() ? "passed" : "FAILED", scope, points, worst.name, worst.analytic,
          worst.numeric, worst.error, passed() ? "≤" : ">", tolerance);
      if (!oneSided.isEmpty()) {
        text += "; " + oneSided.size() + " checked one-sidedly at kinks: "
            + String.join(", ", oneSided.subList(0, Math.min(5, oneSided.size())))
            + (oneSided.size() > 5 ? ", …" : "");
      }
      return text;
    }
  }

  /** Runs the check on {@code trainer}, drawing points from a generator seeded with {@code seed}. */
  public Result run(Trainer trainer, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int count = trainer.parameterCount();
    Accumulator accumulator = new Accumulator();
    int checked = Math.min(count, MAX_PARAMETERS_PER_POINT);
    for (int point = 0; point < POINTS; point++) {
      for (int p = 0; p < count; p++) {
        trainer.setParameter(p, random.nextDouble(-1, 1));
      }
      Point at = trainer.batched() ? batch(random) : new Sample(fill(new double[spec.inputs()], random, -1, 1),
          targets(random));
      int[] parameters = withActivationParameters(parametersToCheck(count, random));
      checked = parameters.length;
      check(trainer, at, parameters, accumulator);
    }
    return accumulator.result(count, checked, POINTS);
  }

  /** Checks the trainer at its current parameters and the given sample, every parameter. */
  Result check(Trainer trainer, double[] x, double[] d) {
    Accumulator accumulator = new Accumulator();
    int count = trainer.parameterCount();
    check(trainer, new Sample(x, d), allParameters(count), accumulator);
    return accumulator.result(count, count, 1);
  }

  /** Checks a batch-normed trainer at its current parameters and the given batch, every parameter. */
  Result check(Trainer trainer, double[][] xs, double[][] ds) {
    Accumulator accumulator = new Accumulator();
    int count = trainer.parameterCount();
    check(trainer, new Batch(xs, ds), allParameters(count), accumulator);
    return accumulator.result(count, count, 1);
  }

  private Batch batch(SplittableRandom random) {
    double[][] xs = new double[BATCH][];
    double[][] ds = new double[BATCH][];
    for (int s = 0; s < BATCH; s++) {
      xs[s] = fill(new double[spec.inputs()], random, -1, 1);
      ds[s] = targets(random);
    }
    return new Batch(xs, ds);
  }

  private void check(Trainer trainer, Point at, int[] parameters, Accumulator accumulator) {
    double e = at.backward(trainer);
    double[] analytic = trainer.gradientValues();
    checkLossAgrees(e, at.loss(trainer));
    for (int p : parameters) {
      Differences differences = differences(trainer, p, at, e);
      double error = relativeError(analytic[p], differences.fourthOrder, stencil.floorAt(e));
      // A kink inside the stencil may also hide below the kink signal, in float's rounding: a
      // parameter of a kinked network that fails centrally gets the one-sided check too.
      boolean oneSided = kinked && (differences.showsKink() || !(error <= tolerance));
      if (oneSided) {
        error = differences.bracketError(analytic[p], e);
        accumulator.oneSided.add(parameterName(spec, p));
      }
      accumulator.offer(new Worst(p, parameterName(spec, p), analytic[p], differences.fourthOrder,
          Double.isNaN(error) ? Double.POSITIVE_INFINITY : error));
    }
  }

  /** The loss around w_p: central stencils of step h and one-sided ones of a much smaller step. */
  private record Differences(
      Stencil stencil, double fourthOrder, double secondOrder, double left, double right) {
    boolean showsKink() {
      double scale = Math.max(stencil.floor, Math.max(Math.abs(fourthOrder), Math.abs(secondOrder)));
      return Math.abs(fourthOrder - secondOrder) > stencil.kinkSignal * scale;
    }

    /** 0 when the analytic value lies between the one-sided differences, else its distance. */
    double bracketError(double analytic, double loss) {
      // Rounding in E(w ± h₁) − E(w) is about eps·|E|/h₁; allow a few times that.
      double slack = 8 * ulp(Math.max(1, Math.abs(loss))) / stencil.oneSidedStep;
      double low = Math.min(left, right) - slack;
      double high = Math.max(left, right) + slack;
      if (analytic >= low && analytic <= high) {
        return 0;
      }
      double distance = analytic < low ? low - analytic : analytic - high;
      return distance / Math.max(stencil.floor, Math.max(Math.abs(left), Math.abs(right)));
    }

    private double ulp(double value) {
      return stencil == FLOAT ? Math.ulp((float) value) : Math.ulp(value);
    }
  }

  /**
   * The differences around w_p. A float trainer rounds w_p ± h to float; with h a power of two the
   * step it really takes differs from h by at most 2⁻²⁴ relative, far below its tolerance.
   */
  private Differences differences(Trainer trainer, int p, Point at, double loss) {
    double original = trainer.parameter(p);
    double h = stencil.step;
    double minus2 = lossAt(trainer, p, original - 2 * h, at);
    double minus1 = lossAt(trainer, p, original - h, at);
    double plus1 = lossAt(trainer, p, original + h, at);
    double plus2 = lossAt(trainer, p, original + 2 * h, at);
    double fourthOrder = (minus2 - 8 * minus1 + 8 * plus1 - plus2) / (12 * h);
    double secondOrder = (plus1 - minus1) / (2 * h);
    double h1 = stencil.oneSidedStep;
    double left = (loss - lossAt(trainer, p, original - h1, at)) / h1;
    double right = (lossAt(trainer, p, original + h1, at) - loss) / h1;
    trainer.setParameter(p, original);
    return new Differences(stencil, fourthOrder, secondOrder, left, right);
  }

  private static double lossAt(Trainer trainer, int p, double value, Point at) {
    trainer.setParameter(p, value);
    return at.loss(trainer);
  }

  private static double relativeError(double analytic, double numeric, double floor) {
    return Math.abs(analytic - numeric) / Math.max(floor, Math.max(Math.abs(analytic), Math.abs(numeric)));
  }

  /** The worst parameter and the one-sided ones, across points. */
  private final class Accumulator {
    private Worst worst;
    private final java.util.Set<String> oneSided = new java.util.LinkedHashSet<>();

    void offer(Worst candidate) {
      // Double.compare ranks NaN above everything: a NaN gradient must be the worst, not skipped.
      if (worst == null || Double.compare(candidate.error, worst.error) > 0) {
        worst = candidate;
      }
    }

    Result result(int parameters, int checked, int points) {
      return new Result(parameters, checked, points, worst, tolerance, new ArrayList<>(oneSided));
    }
  }

  /** Targets the loss is defined for: cross-entropy's sum to 1, others lie in [0, 1]. */
  private double[] targets(SplittableRandom random) {
    double[] d = fill(new double[spec.outputs()], random, 0, 1);
    if (spec.loss().rule() == NamedLoss.CROSS_ENTROPY) {
      double sum = 0;
      for (double value : d) {
        sum += value;
      }
      for (int j = 0; j < d.length; j++) {
        d[j] /= sum;
      }
    }
    return d;
  }

  /**
   * {@code sample} and every activation parameter a^l it left out: they are few, each shared by a
   * whole layer, so a sample of a large network checks them all.
   */
  int[] withActivationParameters(int[] sample) {
    java.util.Set<Integer> sampled = new java.util.HashSet<>();
    for (int p : sample) {
      sampled.add(p);
    }
    int[] all = java.util.Arrays.copyOf(sample, sample.length + spec.parameterCount());
    int size = sample.length;
    for (int l = 1; l <= spec.depth(); l++) {
      for (int p = spec.activationParameterOffset(l); p < spec.layerEnd(l); p++) {
        if (!sampled.contains(p)) {
          all[size++] = p;
        }
      }
    }
    return java.util.Arrays.copyOf(all, size);
  }

  private static int[] parametersToCheck(int count, SplittableRandom random) {
    int[] all = allParameters(count);
    if (count <= MAX_PARAMETERS_PER_POINT) {
      return all;
    }
    // A partial Fisher–Yates shuffle picks a uniform sample without repeats.
    for (int i = 0; i < MAX_PARAMETERS_PER_POINT; i++) {
      int other = i + random.nextInt(count - i);
      int swap = all[i];
      all[i] = all[other];
      all[other] = swap;
    }
    return java.util.Arrays.copyOf(all, MAX_PARAMETERS_PER_POINT);
  }

  private static int[] allParameters(int count) {
    int[] all = new int[count];
    for (int p = 0; p < count; p++) {
      all[p] = p;
    }
    return all;
  }

  private static boolean hasKinks(NetworkSpec spec) {
    for (Layer layer : spec.layers()) {
      if (isNonSmooth(layer.activation().definition().tree())) {
        return true;
      }
    }
    return isNonSmooth(spec.loss().perOutput().tree());
  }

  private static boolean isNonSmooth(IExpr expression) {
    return expression.has(e -> MathFunction.of(e) != null && !MathFunction.of(e).smooth(), true);
  }

  private static void checkLossAgrees(double fromBackward, double fromLoss) {
    if (Double.compare(fromBackward, fromLoss) != 0) {
      throw new IllegalStateException(
          "backward returned E = " + fromBackward + " but loss gives " + fromLoss + " for the same sample or batch");
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
   * i ≥ 1 the input z^{l-1}_i, j = 1 … n_l the unit; a normalization's β^l_j and γ^l_j; an
   * activation's learnable parameter a^l.
   */
  public static String parameterName(NetworkSpec spec, int index) {
    for (int l = spec.depth(); l >= 1; l--) {
      int offset = spec.weightOffset(l);
      int learned = spec.activationParameterOffset(l);
      if (index >= learned && index < spec.layerEnd(l)) {
        return LearnedGradient.name(spec.layer(l).activation().learned().get(index - learned), l);
      }
      if (spec.layer(l).hasNorm() && index >= spec.normOffset(l)) {
        int j = index - spec.normOffset(l);
        return (j < spec.units(l) ? "β^" : "γ^") + l + "_" + (j % spec.units(l) + 1);
      }
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
