package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deltagen.network.Activation;
import org.deltagen.network.Layer;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Norm;
import org.deltagen.network.Precision;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * norm=batch in the generated trainer: the gradient over a batch in every layout and precision,
 * the running statistics (moved by a step, read by predict, saved and loaded), the refusals.
 */
class BatchNormTest {
  private static final Activation TANH = Activation.named(NamedActivation.TANH);
  private static final Activation RELU = Activation.named(NamedActivation.RELU);
  private static final Activation SOFTMAX = Activation.named(NamedActivation.SOFTMAX);

  /** Batch norm unrolled, looped, with rows copied to slots, beside layer norm and a skip, without a bias. */
  static Stream<Arguments> everyBatchNorm() throws SpecException {
    List<Arguments> cases = new ArrayList<>();
    for (Precision precision : Precision.values()) {
      cases.add(Arguments.of("unrolled", precision, Specs.network("Batch", 3).layer(4, TANH).norm(Norm.batch())
          .layer(2, Activation.named(NamedActivation.IDENTITY)).loss(Loss.named(NamedLoss.HALF_SSE))
          .precision(precision).build()));
      cases.add(Arguments.of("looped, beside layer norm, no bias, skip", precision, Specs.network("BatchLayer", 9)
          .layer(new Layer(9, TANH, false, SourceLocation.builder("layer"))).norm(Norm.batch()).skip(0)
          .layer(9, Activation.named(NamedActivation.SOFTPLUS)).norm(Norm.layer())
          .layer(3, SOFTMAX).loss(Loss.named(NamedLoss.CROSS_ENTROPY)).precision(precision).build()));
      cases.add(Arguments.of("rows copied to slots", precision, wide(precision)));
    }
    return cases.stream();
  }

  static NetworkSpec wide(Precision precision) throws SpecException {
    return Specs.network("WideBatch", 4).layer(64, TANH).norm(Norm.batch()).layer(3, SOFTMAX)
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY)).precision(precision).build();
  }

  /** The 4-8-8-3 net of the torch reference. */
  static NetworkSpec reference() throws SpecException {
    return Specs.network("BatchReference", 4).layer(8, RELU).norm(Norm.batch()).layer(8, TANH).norm(Norm.batch())
        .layer(3, SOFTMAX).loss(Loss.named(NamedLoss.CROSS_ENTROPY)).build();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("everyBatchNorm")
  void everyBatchNormPassesTheGradientCheckOverABatch(String name, Precision precision, NetworkSpec spec)
      throws SpecException {
    Trainer trainer = new Trainer(Specs.compile(spec));
    assertTrue(trainer.batched());
    GradientCheck.Result result = new GradientCheck(spec).run(trainer, 11);
    assertTrue(result.passed(), result::toString);
  }

  @Test
  void backwardOfOneSampleIsRefused() throws SpecException {
    Trainer trainer = new Trainer(Specs.compile(reference()));
    UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
        () -> trainer.backward(new double[4], new double[] {1, 0, 0}));
    assertTrue(refused.getMessage().contains("batchGradient"), refused.getMessage());
  }

  @Test
  void aTrainingBatchOfOneSampleIsRefused() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(reference());
    double[][] xs = Specs.uniformInputs(5, 4, 1);
    double[][] ds = targets(5);
    IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
        () -> trainer.call("step", new double[][] {xs[0]}, new double[][] {ds[0]}));
    assertTrue(step.getMessage().contains("at least 2 samples"), step.getMessage());
    IllegalArgumentException fit = assertThrows(IllegalArgumentException.class,
        () -> trainer.call("fit", xs, ds, 1, 2));
    assertTrue(fit.getMessage().contains("5 samples in batches of 2"), fit.getMessage());
    assertEquals(0.0, ((double[]) trainer.call("runningMean", 1))[0], "nothing moved");
  }

  /** A batch larger than the slots the trainer starts with: the slots grow, and the gradient still checks. */
  @Test
  void aBatchLargerThanTheSlotsGrowsThemAndStillChecks() throws SpecException {
    NetworkSpec spec = wide(Precision.DOUBLE);
    Trainer trainer = new Trainer(Specs.compile(spec));
    SplittableRandom random = new SplittableRandom(5);
    for (int p = 0; p < trainer.parameterCount(); p++) {
      trainer.setParameter(p, random.nextDouble(-1, 1));
    }
    int samples = 2 * Slots.MAX_SLOTS + 3;
    GradientCheck.Result result = new GradientCheck(spec).check(trainer, Specs.uniformInputs(samples, 4, 6),
        targets(samples));
    assertTrue(result.passed(), result::toString);
  }

  /**
   * A step moves the running statistics by the momentum towards the batch's mean and unbiased
   * variance, from 0 and 1; predict then normalizes with them, and loss agrees with predict.
   */
  @Test
  void aStepMovesTheRunningStatisticsWhichPredictReads() throws Exception {
    NetworkSpec spec = Specs.network("Running", 2).layer(3, Activation.named(NamedActivation.IDENTITY))
        .norm(Norm.batch(1e-5, 0.25, SourceLocation.builder("norm"))).layer(1, Activation.named(NamedActivation.IDENTITY))
        .loss(Loss.named(NamedLoss.HALF_SSE)).build();
    Trainer trainer = new Trainer(Specs.compile(spec));
    SplittableRandom random = new SplittableRandom(2);
    for (int p = 0; p < trainer.parameterCount(); p++) {
      trainer.setParameter(p, random.nextDouble(-1, 1));
    }
    double[] w = trainer.parameterValues();
    double[][] xs = {{0.5, -1}, {1.5, 2}, {-0.25, 0.75}};
    double[][] ds = {{1}, {0}, {0.5}};
    double[][] u = new double[3][3];
    for (int s = 0; s < 3; s++) {
      for (int j = 0; j < 3; j++) {
        u[s][j] = w[j] + xs[s][0] * w[3 + j] + xs[s][1] * w[6 + j];
      }
    }
    trainer.step(xs, ds);
    for (int j = 0; j < 3; j++) {
      double mean = (u[0][j] + u[1][j] + u[2][j]) / 3;
      double unbiased = 0;
      for (int s = 0; s < 3; s++) {
        unbiased += (u[s][j] - mean) * (u[s][j] - mean) / 2;
      }
      assertEquals(0.25 * mean, trainer.runningMean(1)[j], 1e-15, "μ̄_" + (j + 1));
      assertEquals(0.75 + 0.25 * unbiased, trainer.runningVariance(1)[j], 1e-15, "σ̄²_" + (j + 1));
    }
    double[] after = trainer.parameterValues();
    double[] x = {0.3, -0.4};
    double y = after[15];
    for (int j = 0; j < 3; j++) {
      double uj = after[j] + x[0] * after[3 + j] + x[1] * after[6 + j];
      double normalized = after[12 + j] * (uj - trainer.runningMean(1)[j])
          / Math.sqrt(trainer.runningVariance(1)[j] + 1e-5) + after[9 + j];
      y += normalized * after[16 + j];
    }
    double[] predicted = new double[1];
    trainer.predict(x, predicted);
    assertEquals(y, predicted[0], 1e-14, "predict reads the running statistics");
    assertEquals(0.5 * (predicted[0] - 1) * (predicted[0] - 1), trainer.loss(x, new double[] {1}), 1e-15);
  }

  /**
   * fit's listener gets each batch-normed layer's running statistics after each epoch: the live
   * arrays runningMean(l) and runningVariance(l), as that epoch's last step left them.
   */
  @Test
  void theListenerSeesTheRunningStatisticsAfterEachEpoch() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(reference());
    double[] w = (double[]) trainer.call("parameters");
    SplittableRandom random = new SplittableRandom(4);
    Arrays.setAll(w, p -> random.nextDouble(-1, 1));
    List<String> calls = new ArrayList<>();
    List<double[]> means = new ArrayList<>();
    Object listener = Proxy.newProxyInstance(trainer.listenerType.getClassLoader(),
        new Class<?>[] {trainer.listenerType}, (proxy, method, arguments) -> {
          if (method.getName().equals("epochEnded")) {
            calls.add("epochEnded");
          }
          if (method.getName().equals("runningStatistics")) {
            calls.add("runningStatistics " + arguments[0] + " " + arguments[1]);
            means.add(((double[]) arguments[2]).clone());
            assertTrue(arguments[2] == trainer.call("runningMean", arguments[1])
                && arguments[3] == trainer.call("runningVariance", arguments[1]), "the live arrays");
          }
          return null;
        });
    trainer.fit(Specs.uniformInputs(8, 4, 5), targets(8), 2, 4, null, null, 0, listener);
    assertEquals(List.of("epochEnded", "runningStatistics 0 1", "runningStatistics 0 2",
        "epochEnded", "runningStatistics 1 1", "runningStatistics 1 2"), calls);
    assertArrayEquals((double[]) trainer.call("runningMean", 2), means.get(3));
    assertTrue(!Arrays.equals(means.get(0), means.get(2)), "a second epoch moved μ̄^1");
    assertThrows(NoSuchMethodException.class, () -> GeneratedTrainer.of(Specs.network("NoBatch", 2)
        .layer(3, TANH).norm(Norm.layer()).layer(1, Activation.named(NamedActivation.IDENTITY))
        .loss(Loss.named(NamedLoss.HALF_SSE)).build()).listenerType
        .getMethod("runningStatistics", int.class, int.class, double[].class, double[].class));
  }

  /** The gradient check and trainingLoss of a batch leave the running statistics where they were. */
  @Test
  void theGradientCheckMovesNoRunningStatistic() throws SpecException {
    NetworkSpec spec = reference();
    Trainer trainer = new Trainer(Specs.compile(spec));
    trainer.step(Specs.uniformInputs(4, 4, 8), targets(4));
    double[] mean = trainer.runningMean(2).clone();
    double[] variance = trainer.runningVariance(2).clone();
    assertTrue(new GradientCheck(spec).run(trainer, 3).passed());
    assertArrayEquals(mean, trainer.runningMean(2));
    assertArrayEquals(variance, trainer.runningVariance(2));
  }

  /** save writes version 2 with the running statistics, and load restores them into another trainer. */
  @Test
  void saveAndLoadCarryTheRunningStatistics() throws Exception {
    GeneratedTrainer trainer = GeneratedTrainer.of(reference());
    trainer.call("step", Specs.uniformInputs(6, 4, 9), targets(6));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    trainer.call("save", file, true);
    byte[] bytes = file.toByteArray();
    assertEquals(PersistenceWriter.BATCH_NORM_VERSION, (bytes[8] << 8) | bytes[9], "the format version");
    GeneratedTrainer loaded = trainer.another();
    loaded.call("load", new ByteArrayInputStream(bytes));
    for (int l = 1; l <= 2; l++) {
      assertArrayEquals((double[]) trainer.call("runningMean", l), (double[]) loaded.call("runningMean", l));
      assertArrayEquals((double[]) trainer.call("runningVariance", l), (double[]) loaded.call("runningVariance", l));
    }
    assertArrayEquals((double[]) trainer.call("parameters"), (double[]) loaded.call("parameters"));
    bytes[9] = 1;
    IOException old = assertThrows(IOException.class, () -> trainer.another().call("load", new ByteArrayInputStream(bytes)));
    assertTrue(old.getMessage().contains("format version 1, but BatchReference reads version 2"), old.getMessage());
  }

  static double[][] targets(int count) {
    double[][] ds = new double[count][3];
    for (int s = 0; s < count; s++) {
      ds[s][s % 3] = 1;
    }
    return ds;
  }
}
