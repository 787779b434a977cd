package org.deltagen.bench;

import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleBiFunction;
import org.deltagen.bench.nets.Mnist;
import org.deltagen.bench.nets.Tanh10x32x32x1;
import org.deltagen.bench.nets.Xor;

/**
 * Checks, before a library is timed, that it computes what deltagen's trainer computes from the
 * same initial parameters: the same prediction, and where its loss and update are deltagen's, the
 * same errors over a few steps. A benchmark whose check fails is not measured, so a peer that was
 * set up to do other work cannot slip into the tables.
 */
final class SameWork {
  /** Steps compared by {@link #checkSteps}: the second and third depend on the first update. */
  static final int STEPS = 3;

  private SameWork() {}

  /** Throws unless {@code predict} gives deltagen's z^L for the case's first input, within {@code tolerance}. */
  static void checkPrediction(String library, Case problem, BiConsumer<double[], double[]> predict, double tolerance) {
    double[] x = problem.inputs()[0];
    double[] expected = new double[problem.sizes()[problem.sizes().length - 1]];
    switch (problem) {
      case XOR -> new Xor().predict(x, expected);
      case TANH -> new Tanh10x32x32x1().predict(x, expected);
      default -> new Mnist().predict(x, expected);
    }
    double[] actual = new double[expected.length];
    predict.accept(x, actual);
    for (int j = 0; j < expected.length; j++) {
      compare(library, problem, "y_" + (j + 1), expected[j], actual[j], tolerance);
    }
  }

  /** Throws unless {@code step} returns deltagen's batch error for {@link #STEPS} steps, within {@code tolerance}. */
  static void checkSteps(String library, Case problem, ToDoubleBiFunction<double[][], double[][]> step, double tolerance) {
    double[][] xs = problem.inputs();
    double[][] ds = problem.targets();
    ToDoubleBiFunction<double[][], double[][]> deltagen = switch (problem) {
      case XOR -> new Xor()::step;
      case TANH -> new Tanh10x32x32x1()::step;
      default -> new Mnist()::step;
    };
    for (int s = 1; s <= STEPS; s++) {
      compare(library, problem, "E of step " + s, deltagen.applyAsDouble(xs, ds), step.applyAsDouble(xs, ds), tolerance);
    }
  }

  private static void compare(String library, Case problem, String what, double expected, double actual, double tolerance) {
    double error = Math.abs(actual - expected) / Math.max(1e-12, Math.abs(expected));
    if (!(error <= tolerance)) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "%s on %s does not do deltagen's work: %s is %s, deltagen's %s (relative error %.2e > %.0e)",
          library, problem.title(), what, actual, expected, error, tolerance));
    }
  }
}
