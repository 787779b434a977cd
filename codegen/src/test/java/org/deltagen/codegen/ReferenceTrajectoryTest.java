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
import java.util.Map;
import java.util.stream.Collectors;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layers beyond the plain MLP (PRODUCT.md §2b) against PyTorch: {@code reference/beyond-mlp.json},
 * made by {@code src/test/torch/beyond_mlp.py} in float64, holds for each case its spec, data,
 * initial parameters in deltagen's layout, the batch gradient there, and 20 full-batch steps. The
 * generated trainer starts from the same parameters and must follow the same trajectory.
 */
class ReferenceTrajectoryTest {
  private static final Tolerance DOUBLE = new Tolerance(1e-10, 1e-12);
  /** float's 24 bits over 20 steps: Lasso measured 1e-6 at worst, so this leaves room and still fails a wrong rule. */
  private static final Tolerance FLOAT = new Tolerance(1e-4, 1e-6);
  private static final Map<String, Case> CASES = read();

  /** One case of the JSON, as the script writes it. */
  record Case(String name, String spec, double[][] inputs, double[][] targets, double[] initial, double[] gradient,
      double[] errors, double[] finalParameters) {}

  /** The JSON's document: the cases, and how many steps each ran. */
  private record Document(int steps, List<Map<String, Object>> cases) {}

  /**
   * Relative error allowed, and the magnitude below which the difference itself is compared (near
   * 0, relative error means nothing).
   */
  private record Tolerance(double relative, double floor) {}

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "Lasso", "Prelu", "Learnable", "Residual", "InputSkip", "LayerNorm", "GroupNorm", "Combined"})
  void followsTorchInDouble(String name) throws SpecException {
    follow(CASES.get(name), "", DOUBLE);
  }

  /**
   * Every case but GroupNorm, whose RMSprop divides each step by √v: a weight near 0 with a
   * gradient near 0 moves by a different amount once its gradient is rounded to float (6.6e-4
   * relative after 20 steps, measured); float group norm is followed in Combined.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Lasso", "Prelu", "Learnable", "Residual", "InputSkip", "LayerNorm", "Combined"})
  void followsTorchInFloat(String name) throws SpecException {
    follow(CASES.get(name), "precision float\n", FLOAT);
  }

  private static void follow(Case reference, String extra, Tolerance tolerance) throws SpecException {
    NetworkSpec spec = SpecParser.parse(reference.name() + ".nn", reference.spec() + extra);
    Class<?> type = Specs.compile(spec);
    Trainer trainer = start(type, reference);
    assertClose("∂E_B/∂w at the start", reference.gradient(), batchGradient(spec, start(type, reference), reference),
        tolerance);
    double[] errors = new double[reference.errors().length];
    for (int t = 0; t < errors.length; t++) {
      errors[t] = trainer.step(reference.inputs(), reference.targets());
    }
    assertClose("batch errors", reference.errors(), errors, tolerance);
    assertClose("parameters after " + errors.length + " steps", reference.finalParameters(), trainer.parameterValues(),
        tolerance);
  }

  private static Trainer start(Class<?> type, Case reference) {
    Trainer trainer = new Trainer(type);
    assertEquals(reference.initial().length, trainer.parameterCount(), "PARAMETERS");
    for (int p = 0; p < reference.initial().length; p++) {
      trainer.setParameter(p, reference.initial()[p]);
    }
    return trainer;
  }

  /**
   * ∂E_B/∂w as the first update sees it, from the trainer's public API: the per-sample gradients
   * {@code backward} adds, combined as the spec says, plus λ·sign(w) on the weight rows (not the
   * bias rows) of a spec with an L1 penalty, as PRODUCT.md §2b states the rule.
   */
  private static double[] batchGradient(NetworkSpec spec, Trainer trainer, Case reference) {
    trainer.zeroGradients();
    for (int s = 0; s < reference.inputs().length; s++) {
      trainer.backward(reference.inputs()[s], reference.targets()[s]);
    }
    double[] g = trainer.gradientValues();
    double scale = spec.batch() == BatchReduction.MEAN ? 1.0 / reference.inputs().length : 1.0;
    double[] w = trainer.parameterValues();
    for (int p = 0; p < g.length; p++) {
      g[p] *= scale;
    }
    for (int l = 1; l <= spec.depth(); l++) {
      int firstWeight = spec.weightOffset(l) + (spec.layer(l).bias() ? spec.units(l) : 0);
      int end = spec.weightOffset(l) + spec.weightRows(l) * spec.units(l);
      for (int p = firstWeight; p < end; p++) {
        g[p] += spec.l1() * Math.signum(w[p]);
      }
    }
    return g;
  }

  private static void assertClose(String what, double[] expected, double[] actual, Tolerance tolerance) {
    assertEquals(expected.length, actual.length, what + ": length");
    double worst = 0;
    int at = -1;
    for (int p = 0; p < expected.length; p++) {
      double difference = Math.abs(expected[p] - actual[p]);
      double scale = Math.max(Math.abs(expected[p]), Math.abs(actual[p]));
      double error = difference / Math.max(scale, tolerance.floor());
      if (!(error <= worst)) {
        worst = error;
        at = p;
      }
    }
    String message = at < 0 ? what : what + ": worst relative difference " + worst + " at " + at + ": torch "
        + expected[at] + ", deltagen " + actual[at];
    System.out.printf("%s: worst relative difference %.3g%n", what, worst);
    assertTrue(worst <= tolerance.relative(), message);
  }

  private static Map<String, Case> read() {
    try (InputStream in = ReferenceTrajectoryTest.class.getResourceAsStream("reference/beyond-mlp.json");
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      Gson gson = new Gson();
      Document document = gson.fromJson(reader, Document.class);
      return document.cases().stream().map(json -> gson.fromJson(gson.toJsonTree(json), Json.class).toCase())
          .collect(Collectors.toMap(Case::name, c -> c));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A case as the JSON names its fields. */
  private static final class Json {
    String name;
    String spec;
    double[][] inputs;
    double[][] targets;
    double[] initial;
    double[] gradient;
    double[] errors;
    @com.google.gson.annotations.SerializedName("final")
    double[] finalParameters;

    Case toCase() {
      return new Case(name, spec, inputs, targets, initial, gradient, errors, finalParameters);
    }
  }
}
