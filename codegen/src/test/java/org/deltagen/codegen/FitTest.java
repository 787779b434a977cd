package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Schedule;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fit beyond the contract's four arguments: learning-rate schedules and warm-up against their
 * closed forms (torch.optim.lr_scheduler, written out again here), early stopping with the best
 * parameters restored, and the listener's errors, norms and gradient warnings against values the
 * test computes from the trainer's arrays itself.
 */
class FitTest {
  private static final double RATE = 0.2;
  private static final int SAMPLES = 24;
  private static final double[][] XS = Specs.uniformInputs(SAMPLES, 3, 1);
  private static final double[][] DS = targets(XS);

  private static NetworkSpec.Builder classifier(String name) {
    return Specs.network(name, 3)
        .layer(5, Activation.named(NamedActivation.TANH))
        .layer(2, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .batch(BatchReduction.MEAN)
        .optimizer(new Optimizer.Sgd(RATE))
        .initializer(new Initializer.Normal(4, 0.5));
  }

  static Stream<Arguments> schedules() {
    return Stream.of(
        Arguments.of("step", new Schedule.Step(3, 0.5), Schedule.Warmup.NONE,
            (IntToDoubleFunction) e -> RATE * Math.pow(0.5, Math.floor(e / 3.0))),
        Arguments.of("exponential", new Schedule.Exponential(0.9), Schedule.Warmup.NONE,
            (IntToDoubleFunction) e -> RATE * Math.pow(0.9, e)),
        Arguments.of("cosine", new Schedule.Cosine(10, 0.01), Schedule.Warmup.NONE,
            (IntToDoubleFunction) e -> 0.01 + (RATE - 0.01) * (1 + Math.cos(Math.PI * e / 10)) / 2),
        Arguments.of("warm-up alone", new Schedule.Constant(), new Schedule.Warmup(4, 0.25),
            (IntToDoubleFunction) e -> RATE * warmUp(e, 4, 0.25)),
        Arguments.of("cosine after a warm-up", new Schedule.Cosine(8, 0.0), new Schedule.Warmup(3, 0.1),
            (IntToDoubleFunction) e -> warmUp(e, 3, 0.1) * RATE * (1 + Math.cos(Math.PI * e / 8)) / 2));
  }

  /** LinearLR's factor: from s at epoch 0 to 1 at epoch W, then 1. */
  private static double warmUp(int epoch, int epochs, double start) {
    return epoch >= epochs ? 1 : start + (1 - start) * epoch / epochs;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schedules")
  void fitFollowsTheScheduleAcrossCalls(String name, Schedule schedule, Schedule.Warmup warmup,
      IntToDoubleFunction expected) throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(classifier("Scheduled").schedule(schedule).warmup(warmup).build());
    for (int e = 0; e < 25; e++) {
      assertClose(expected.applyAsDouble(e), (double) trainer.call("scheduledLearningRate", e), "η at epoch " + e);
    }

    Recorder recorder = new Recorder(trainer);
    trainer.fit(XS, DS, 7, 6, null, null, 0, recorder.listener());
    trainer.fit(XS, DS, 5, 6, null, null, 0, recorder.listener());

    assertEquals(12, (int) trainer.call("epoch"));
    for (int e = 0; e < 12; e++) {
      assertEquals(e, recorder.epochs.get(e), "epochs are counted across calls of fit");
      assertClose(expected.applyAsDouble(e), recorder.rates.get(e), "η used in epoch " + e);
    }
  }

  @Test
  void setLearningRateSetsTheBaseTheScheduleScales() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(classifier("Rebased").schedule(new Schedule.Exponential(0.5)).build());
    trainer.fit(XS, DS, 3, SAMPLES, null, null, 0, null);

    trainer.call("setLearningRate", 0.8);

    assertClose(0.8 * Math.pow(0.5, 3), (double) trainer.call("learningRate"), "η right after the change");
    Recorder recorder = new Recorder(trainer);
    trainer.fit(XS, DS, 2, SAMPLES, null, null, 0, recorder.listener());
    assertClose(0.8 * Math.pow(0.5, 4), recorder.rates.get(1), "η in epoch 4");
  }

  @Test
  void withoutAScheduleTheRateIsWhatWasSet() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(classifier("Unscheduled").build());
    assertThrows(NoSuchMethodException.class, () -> trainer.type.getMethod("scheduledLearningRate", int.class));
    trainer.call("setLearningRate", 0.05);
    Recorder recorder = new Recorder(trainer);
    trainer.fit(XS, DS, 3, 8, null, null, 0, recorder.listener());
    assertEquals(List.of(0.05, 0.05, 0.05), recorder.rates);
  }

  @Test
  void earlyStoppingStopsAfterPatienceAndRestoresTheBestEpoch() throws Exception {
    NetworkSpec spec = classifier("Stopping").build();
    // The validation set's labels are the training labels swapped: what fits one unfits the other.
    double[][] validationDs = new double[SAMPLES][];
    for (int s = 0; s < SAMPLES; s++) {
      validationDs[s] = new double[] {DS[s][1], DS[s][0]};
    }
    GeneratedTrainer stopped = GeneratedTrainer.of(spec);
    Recorder recorder = new Recorder(stopped);
    int patience = 3;

    int run = stopped.fit(XS, DS, 50, 4, XS, validationDs, patience, recorder.listener());

    int best = 0;
    for (int e = 1; e < recorder.validationErrors.size(); e++) {
      best = recorder.validationErrors.get(e) < recorder.validationErrors.get(best) ? e : best;
    }
    assertTrue(run < 50, "stopped early, after " + run + " epochs: " + recorder.validationErrors);
    assertEquals(best + 1 + patience, run, "epochs run: the best epoch, then " + patience + " without improvement");
    GeneratedTrainer reference = GeneratedTrainer.of(spec);
    reference.fit(XS, DS, best + 1, 4, null, null, 0, null);
    assertArrayEquals(reference.parameters(), stopped.parameters(), "the parameters after the best epoch, bit for bit");
    assertEquals(recorder.validationErrors.get(best), (double) stopped.call("loss", XS, validationDs),
        "the restored parameters' validation error");
  }

  @Test
  void withoutAValidationSetFitRunsEveryEpoch() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(classifier("NoValidation").build());
    assertEquals(6, trainer.fit(XS, DS, 6, 5, null, null, 0, null));
    IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(XS, DS, 6, 5, XS, null, 2, null));
    assertEquals("give both the validation inputs and their targets, or neither", half.getMessage());
    assertThrows(IllegalArgumentException.class, () -> trainer.fit(XS, DS, 6, 5, XS, DS, -1, null));
  }

  @Test
  void theListenerReceivesTheEpochsErrorAndNorms() throws Exception {
    NetworkSpec spec = classifier("Listened").build();
    GeneratedTrainer trainer = GeneratedTrainer.of(spec);
    double errorBefore = (double) trainer.call("loss", XS, DS);
    double[] gradientNormsBefore = fullBatchGradientNorms(spec, GeneratedTrainer.of(spec));
    Recorder recorder = new Recorder(trainer);

    trainer.fit(XS, DS, 2, SAMPLES, XS, DS, 5, recorder.listener());

    assertClose(errorBefore, recorder.trainingErrors.get(0), "one full batch: the error before its update");
    assertClose((double) trainer.call("loss", XS, DS), recorder.validationErrors.get(1), "validation error");
    for (int l = 1; l <= spec.depth(); l++) {
      assertClose(gradientNormsBefore[l - 1], recorder.gradientNorms.get(0)[l - 1], "‖∂E/∂w^" + l + "‖, epoch 0");
      assertClose(norm(trainer.parameters(), spec, l), recorder.parameterNorms.get(1)[l - 1], "‖w^" + l + "‖");
      assertClose(norm(trainer.parameters(), spec, l), (double) trainer.call("parameterNorm", l), "parameterNorm");
    }
    assertTrue(recorder.warnings.isEmpty(), "no warnings at the default limits: " + recorder.warnings);
  }

  @Test
  void gradientNormReadsTheAccumulatedGradients() throws Exception {
    NetworkSpec spec = classifier("Norms").batch(BatchReduction.SUM).build();
    GeneratedTrainer trainer = GeneratedTrainer.of(spec);
    for (int s = 0; s < 3; s++) {
      trainer.call("backward", XS[s], DS[s]);
    }
    double[] g = (double[]) trainer.call("gradients");
    for (int l = 1; l <= spec.depth(); l++) {
      assertClose(norm(g, spec, l), (double) trainer.call("gradientNorm", l), "gradientNorm(" + l + ")");
    }
    InvocationTargetException outside = assertThrows(InvocationTargetException.class,
        () -> trainer.type.getMethod("gradientNorm", int.class).invoke(trainer.instance, 3));
    assertEquals("layers are 1 to 2, not 3", outside.getCause().getMessage());
  }

  @Test
  void normsOutsideTheLimitsAreWarnedPerLayer() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(classifier("Warned").build());
    Recorder recorder = new Recorder(trainer);

    trainer.call("setGradientNormLimits", 1e3, 1e4);
    trainer.fit(XS, DS, 1, SAMPLES, null, null, 0, recorder.listener());
    trainer.call("setGradientNormLimits", 0.0, 1e-9);
    trainer.fit(XS, DS, 1, SAMPLES, null, null, 0, recorder.listener());

    assertEquals(List.of(
            "epoch 0 layer 1 below 1000.0 norm " + recorder.gradientNorms.get(0)[0],
            "epoch 0 layer 2 below 1000.0 norm " + recorder.gradientNorms.get(0)[1],
            "epoch 1 layer 1 above 1.0E-9 norm " + recorder.gradientNorms.get(1)[0],
            "epoch 1 layer 2 above 1.0E-9 norm " + recorder.gradientNorms.get(1)[1]),
        recorder.warnings);
    assertThrows(InvocationTargetException.class,
        () -> trainer.type.getMethod("setGradientNormLimits", double.class, double.class).invoke(trainer.instance, 1.0, 1.0));
  }

  /** Seed 003: through six sigmoid layers, σ' ≤ 1/4 shrinks the first layer's gradient most. */
  @Test
  void theDefaultWarningNamesAVanishingGradient() throws Exception {
    NetworkSpec spec = deepSigmoid("DeepSigmoid", 6);
    GeneratedTrainer trainer = GeneratedTrainer.of(spec);
    Recorder recorder = new Recorder(trainer);
    recorder.callDefaultWarning = true;
    double[] norms = fullBatchGradientNorms(spec, GeneratedTrainer.of(spec));
    double limit = Math.sqrt(norms[0] * norms[spec.depth() - 1]);
    trainer.call("setGradientNormLimits", limit, 1e9);

    String printed = StandardError.during(() -> trainer.fit(XS, DS, 1, SAMPLES, null, null, 0, recorder.listener()));

    assertTrue(norms[0] < norms[spec.depth() - 1] / 100, "layer 1's gradient is the smallest: " + List.of(norms));
    assertTrue(printed.startsWith("DeepSigmoid: epoch 0: the gradient norm of layer 1, "), printed);
    assertTrue(printed.contains(" is below " + String.format("%.3g", limit) + ": vanishing gradients"), printed);
    assertFalse(printed.contains("layer " + spec.depth() + ","), "the output layer's gradient is above the limit");
  }

  /**
   * Seed 003 again, deeper: through ten sigmoid layers the first layers' gradients fall more than
   * a thousandfold below the last layer's while staying above the absolute limit of 1e-7.
   */
  @Test
  void aGradientFarBelowTheLastLayersIsWarnedOfAsVanishing() throws Exception {
    NetworkSpec spec = deepSigmoid("DeeperSigmoid", 10);
    double[] norms = fullBatchGradientNorms(spec, GeneratedTrainer.of(spec));
    double last = norms[spec.depth() - 1];
    List<String> expected = new ArrayList<>();
    List<Double> expectedNorms = new ArrayList<>();
    for (int l = 1; l <= spec.depth(); l++) {
      assertTrue(norms[l - 1] > 1e-7, "above the absolute limit: layer " + l + ", " + norms[l - 1]);
      if (norms[l - 1] < 1e-3 * last) {
        expected.add("epoch 0 layer " + l + " below 0.001 of the last");
        expectedNorms.add(norms[l - 1]);
      }
    }
    assertFalse(expected.isEmpty(), "some layer falls below 1e-3 × the last: " + java.util.Arrays.toString(norms));

    GeneratedTrainer trainer = GeneratedTrainer.of(spec);
    Recorder recorder = new Recorder(trainer);
    trainer.fit(XS, DS, 1, SAMPLES, null, null, 0, recorder.listener());
    assertEquals(expected, recorder.warnings);
    for (int w = 0; w < expected.size(); w++) {
      assertClose(expectedNorms.get(w), recorder.relativeNorms.get(w)[0], expected.get(w));
      assertClose(last, recorder.relativeNorms.get(w)[1], "the last layer's norm");
    }

    GeneratedTrainer quiet = GeneratedTrainer.of(spec);
    Recorder unwarned = new Recorder(quiet);
    quiet.call("setRelativeGradientNormLimit", 0.0);
    quiet.fit(XS, DS, 1, SAMPLES, null, null, 0, unwarned.listener());
    assertEquals(List.of(), unwarned.warnings, "0 turns the relative warning off");
  }

  @Test
  void theDefaultRelativeWarningNamesTheLastLayer() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(deepSigmoid("DeeperSigmoid", 10));
    Recorder recorder = new Recorder(trainer);
    recorder.callDefaultWarning = true;
    String printed = StandardError.during(() -> trainer.fit(XS, DS, 1, SAMPLES, null, null, 0, recorder.listener()));
    assertTrue(printed.startsWith("DeeperSigmoid: epoch 0: the gradient norm of layer 1, "), printed);
    assertTrue(printed.contains(" is below 0.00100 times layer 11's, "), printed);
    assertTrue(printed.contains(": vanishing gradients"), printed);
  }

  /** {@code hidden} sigmoid layers of 4 units, then one sigmoid output, half-SSE, weights normal(0, 1). */
  private static NetworkSpec deepSigmoid(String name, int hidden) throws SpecException {
    NetworkSpec.Builder deep = Specs.network(name, 3).loss(Loss.named(NamedLoss.HALF_SSE))
        .initializer(new Initializer.Normal(9, 1.0));
    for (int l = 1; l <= hidden; l++) {
      deep.layer(4, Activation.named(NamedActivation.SIGMOID));
    }
    return deep.layer(1, Activation.named(NamedActivation.SIGMOID)).build();
  }

  // ---- independent computations ----------------------------------------------------------------

  /** Per layer, the norm of the batch-mean gradient over all samples, from gradients() itself. */
  private static double[] fullBatchGradientNorms(NetworkSpec spec, GeneratedTrainer trainer) throws Exception {
    for (int s = 0; s < SAMPLES; s++) {
      trainer.call("backward", XS[s], DS[s]);
    }
    double[] g = (double[]) trainer.call("gradients");
    double scale = spec.batch() == BatchReduction.MEAN ? 1.0 / SAMPLES : 1.0;
    double[] norms = new double[spec.depth()];
    for (int l = 1; l <= spec.depth(); l++) {
      norms[l - 1] = scale * norm(g, spec, l);
    }
    return norms;
  }

  private static double norm(double[] values, NetworkSpec spec, int l) {
    int end = l == spec.depth() ? spec.parameterCount() : spec.weightOffset(l + 1);
    double squares = 0;
    for (int p = spec.weightOffset(l); p < end; p++) {
      squares += values[p] * values[p];
    }
    return Math.sqrt(squares);
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-13 * Math.max(1, Math.abs(expected)), what);
  }

  private static double[][] targets(double[][] xs) {
    double[][] ds = new double[xs.length][];
    for (int s = 0; s < xs.length; s++) {
      boolean positive = xs[s][0] + 0.5 * xs[s][1] - xs[s][2] > 0;
      ds[s] = positive ? new double[] {1, 0} : new double[] {0, 1};
    }
    return ds;
  }

  /** A Listener that records what it receives, and the trainer's η, epoch by epoch. */
  private static final class Recorder implements InvocationHandler {
    final GeneratedTrainer trainer;
    final List<Integer> epochs = new ArrayList<>();
    final List<Double> rates = new ArrayList<>();
    final List<Double> trainingErrors = new ArrayList<>();
    final List<Double> validationErrors = new ArrayList<>();
    final List<double[]> gradientNorms = new ArrayList<>();
    final List<double[]> parameterNorms = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    /** Per relativeGradientWarning, the layer's norm and the last layer's. */
    final List<double[]> relativeNorms = new ArrayList<>();
    boolean callDefaultWarning;

    Recorder(GeneratedTrainer trainer) {
      this.trainer = trainer;
    }

    Object listener() {
      return Proxy.newProxyInstance(trainer.listenerType.getClassLoader(), new Class<?>[] {trainer.listenerType}, this);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
      if (method.getName().equals("epochEnded")) {
        epochs.add((Integer) arguments[0]);
        rates.add((Double) trainer.call("learningRate"));
        trainingErrors.add((Double) arguments[1]);
        validationErrors.add((Double) arguments[2]);
        gradientNorms.add(((double[]) arguments[3]).clone());
        parameterNorms.add(((double[]) arguments[4]).clone());
        return null;
      }
      if (method.getName().equals("gradientWarning")) {
        if (callDefaultWarning) {
          return InvocationHandler.invokeDefault(proxy, method, arguments);
        }
        warnings.add("epoch " + arguments[0] + " layer " + arguments[1] + ((Boolean) arguments[4] ? " below " : " above ")
            + arguments[3] + " norm " + arguments[2]);
        return null;
      }
      if (method.getName().equals("relativeGradientWarning")) {
        if (callDefaultWarning) {
          return InvocationHandler.invokeDefault(proxy, method, arguments);
        }
        warnings.add("epoch " + arguments[0] + " layer " + arguments[1] + " below " + arguments[4] + " of the last");
        relativeNorms.add(new double[] {(Double) arguments[2], (Double) arguments[3]});
        return null;
      }
      throw new UnsupportedOperationException(method.toString());
    }
  }
}
