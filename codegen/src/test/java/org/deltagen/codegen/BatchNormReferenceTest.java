package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.api.Test;

/**
 * norm=batch against PyTorch's {@code BatchNorm1d} semantics: {@code reference/batch-norm.json},
 * made by {@code src/test/torch/batch_norm.py} in float64, holds a 4-8-8-3 net's data, initial
 * parameters, the batch gradient there, 15 full-batch steps (the batch error and the parameters
 * after each), the running statistics after them and the evaluation-mode outputs, which read the
 * running statistics. The generated trainer must agree to 1e-10 relative.
 */
class BatchNormReferenceTest {
  private static final double TOLERANCE = 1e-10;
  /** Below this magnitude the difference itself is compared. */
  private static final double FLOOR = 1e-12;
  /**
   * The gradient's floor: the bias of a batch-normed layer has a gradient of exactly 0 (μ takes it
   * away), which torch and deltagen both compute as rounding noise of some 1e-16; below 1e-5 a
   * gradient is compared absolutely, to 1e-15.
   */
  private static final double GRADIENT_FLOOR = 1e-5;

  /** The JSON, as the script names its fields. */
  private static final class Reference {
    String spec;
    double[][] inputs;
    double[][] targets;
    double[] initial;
    double[] gradient;
    double[] errors;
    double[][] parameters;
    List<Running> running;
    double[][] fresh;
    double[][] evaluation;
    double[][] freshEvaluation;
  }

  private static final class Running {
    int layer;
    double[] mean;
    double[] variance;
  }

  @Test
  void followsTorchThroughTrainingAndEvaluation() throws Exception {
    Reference reference = read();
    NetworkSpec spec = SpecParser.parse("BatchNormReference.nn", reference.spec);
    Trainer trainer = new Trainer(Specs.compile(spec));
    assertEquals(reference.initial.length, trainer.parameterCount(), "PARAMETERS counts no running statistic");
    for (int p = 0; p < reference.initial.length; p++) {
      trainer.setParameter(p, reference.initial[p]);
    }
    double[] gradient = new double[trainer.parameterCount()];
    trainer.batchGradient(reference.inputs, reference.targets);
    double[] sum = trainer.gradientValues();
    for (int p = 0; p < gradient.length; p++) {
      gradient[p] = sum[p] / reference.inputs.length;
    }
    assertClose("∂E_B/∂w at the start", reference.gradient, gradient, GRADIENT_FLOOR);
    double worst = 0;
    double[] errors = new double[reference.errors.length];
    for (int t = 0; t < errors.length; t++) {
      errors[t] = trainer.step(reference.inputs, reference.targets);
      worst = Math.max(worst, assertClose("parameters after step " + (t + 1), reference.parameters[t],
          trainer.parameterValues()));
    }
    System.out.printf("parameters over all steps: worst relative difference %.3g%n", worst);
    assertClose("batch errors", reference.errors, errors);
    for (Running running : reference.running) {
      assertClose("running mean of layer " + running.layer, running.mean, trainer.runningMean(running.layer));
      assertClose("running variance of layer " + running.layer, running.variance,
          trainer.runningVariance(running.layer));
    }
    assertClose("evaluation outputs of the training inputs", flatten(reference.evaluation),
        flatten(predictions(trainer, reference.inputs)));
    assertClose("evaluation outputs of fresh inputs", flatten(reference.freshEvaluation),
        flatten(predictions(trainer, reference.fresh)));
  }

  private static double[][] predictions(Trainer trainer, double[][] inputs) {
    double[][] outputs = new double[inputs.length][];
    for (int s = 0; s < inputs.length; s++) {
      outputs[s] = new double[3];
      trainer.predict(inputs[s], outputs[s]);
    }
    return outputs;
  }

  private static double[] flatten(double[][] rows) {
    return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  /** Asserts the worst relative difference is within {@link #TOLERANCE}, prints and returns it. */
  private static double assertClose(String what, double[] expected, double[] actual) {
    return assertClose(what, expected, actual, FLOOR);
  }

  private static double assertClose(String what, double[] expected, double[] actual, double floor) {
    assertEquals(expected.length, actual.length, what + ": length");
    double worst = 0;
    int at = -1;
    for (int p = 0; p < expected.length; p++) {
      double error = Math.abs(expected[p] - actual[p])
          / Math.max(floor, Math.max(Math.abs(expected[p]), Math.abs(actual[p])));
      if (!(error <= worst)) {
        worst = error;
        at = p;
      }
    }
    System.out.printf("%s: worst relative difference %.3g%n", what, worst);
    String message = at < 0 ? what : what + ": worst relative difference " + worst + " at " + at + ": torch "
        + expected[at] + ", deltagen " + actual[at];
    assertTrue(worst <= TOLERANCE, message);
    return worst;
  }

  private static Reference read() throws IOException {
    try (InputStream in = BatchNormReferenceTest.class.getResourceAsStream("reference/batch-norm.json");
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return new Gson().fromJson(reader, Reference.class);
    }
  }
}
