package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the generated trainer computes, against plain Java written here from the notation of
 * PRODUCT.md §1 and §4: parameter layout, loss, gradient accumulation, the SGD step, fit, the
 * initializers, and the two seed demos.
 */
class TrainerSemanticsTest {
  private static final double[][] XS = {{0.3, -0.7}, {-1.2, 0.5}, {0.9, 0.1}};
  private static final double[][] DS = {{0.2, -0.4}, {0.6, 0.1}, {-0.3, 0.8}};

  /** Five samples, so that a shuffled pass visits them in a different order than a step does. */
  private static final double[][] FIT_XS = {{0.3, -0.7}, {-1.2, 0.5}, {0.9, 0.1}, {0.4, 0.4}, {-0.6, -0.2}};
  private static final double[][] FIT_DS = {{0.2, -0.4}, {0.6, 0.1}, {-0.3, 0.8}, {0.5, 0.5}, {-0.1, 0.3}};

  // ---- parameter layout -----------------------------------------------------------------------

  /**
   * A 2-3-2 network: layer 1 has 3 rows (bias, x1, x2), or 2 without its bias, × 3 units; layer 2
   * follows at 9 (or 6) with 4 rows × 2 units.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    Layout       | true  | 17 | 9 | with biases
    NoBiasLayout | false | 14 | 6 | whose first layer has no bias
    """)
  void parametersAreLaidOutLayerByLayerWithTheBiasRowFirst(
      String name, boolean bias, int count, int layer2, String network) throws SpecException {
    NetworkSpec spec =
        Specs.network(name, 2)
            .layer(3, Activation.named(NamedActivation.TANH), bias)
            .layer(2, Activation.named(NamedActivation.IDENTITY))
            .build();
    Trainer trainer = new Trainer(Specs.compile(spec));
    double[] w = trainer.parameters();
    assertEquals(count, w.length, "parameters of a 2-3-2 network " + network);
    setDistinctValues(w);
    for (double[] x : XS) {
      double[] z1 = dense(w, 0, bias, x, 3, Math::tanh);
      double[] expected = dense(w, layer2, true, z1, 2, u -> u);
      assertClose(expected, predict(trainer, x, 2), 1e-14, "predict(" + Arrays.toString(x) + ")");
    }
  }

  static Stream<Arguments> losses() {
    return Stream.of(
        loss(Loss.named(NamedLoss.HALF_SSE), "½Σ(y−d)²", (y, d) -> sum(y, d, e -> e * e / 2)),
        loss(Loss.named(NamedLoss.SSE), "Σ(y−d)²", (y, d) -> sum(y, d, e -> e * e)),
        loss(Loss.named(NamedLoss.MSE), "(1/3)Σ(y−d)²", (y, d) -> sum(y, d, e -> e * e / 3)),
        loss(customLoss("(y-d)^4"), "Σ(y−d)⁴", (y, d) -> sum(y, d, e -> e * e * e * e)),
        loss(customLoss("Log(Cosh(y-d))"), "Σ log cosh(y−d)", (y, d) -> sum(y, d, e -> Math.log(Math.cosh(e)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("losses")
  void lossSumsThePerOutputLossOverTheOutputs(Loss loss, LossFunction expected) throws SpecException {
    NetworkSpec spec =
        Specs.network("Losses", 2)
            .layer(3, Activation.named(NamedActivation.IDENTITY))
            .loss(loss)
            .initializer(new Initializer.Normal(5, 0.7))
            .build();
    Trainer trainer = new Trainer(Specs.compile(spec));
    double[][] targets = {{0.1, -0.2, 0.3}, {1.5, 0.0, -0.8}, {-0.4, 0.9, 0.2}};
    for (int s = 0; s < XS.length; s++) {
      double[] y = predict(trainer, XS[s], 3);
      double want = expected.of(y, targets[s]);
      double got = trainer.loss(XS[s], targets[s]);
      assertEquals(want, got, 1e-14 * Math.abs(want), "E of sample " + s + ", y = " + Arrays.toString(y));
    }
  }

  // ---- gradients ------------------------------------------------------------------------------

  @Test
  void backwardAddsToTheGradientsAndReturnsTheLoss() throws SpecException {
    Trainer trainer = new Trainer(Specs.compile(twoLayer("Accumulate", BatchReduction.SUM)));
    double[] x = XS[0];
    double[] d = DS[0];
    trainer.zeroGradients();
    double error = trainer.backward(x, d);
    assertEquals(trainer.loss(x, d), error, 0.0, "backward returns E of the sample");
    double[] once = trainer.gradients().clone();
    assertTrue(Arrays.stream(once).allMatch(g -> g != 0), "every gradient of this sample is non-zero: " + Arrays.toString(once));
    trainer.backward(x, d);
    double[] twice = trainer.gradients();
    for (int p = 0; p < once.length; p++) {
      assertEquals(2 * once[p], twice[p], 0.0, "gradient " + p + " after two backward calls");
    }
    trainer.zeroGradients();
    assertArrayEquals(new double[once.length], trainer.gradients(), "gradients after zeroGradients()");
  }

  // ---- step -----------------------------------------------------------------------------------

  @Test
  void stepReturnsTheBatchErrorBeforeTheUpdate() throws SpecException {
    for (BatchReduction batch : BatchReduction.values()) {
      Trainer trainer = new Trainer(Specs.compile(twoLayer("Error" + batch.name(), batch)));
      double sum = 0;
      for (int s = 0; s < XS.length; s++) {
        sum += trainer.loss(XS[s], DS[s]);
      }
      double expected = batch == BatchReduction.SUM ? sum : sum / XS.length;
      double returned = trainer.step(XS, DS);
      assertEquals(expected, returned, 1e-15 * expected, "step's batch error with batch " + batch.keyword());
      assertTrue(lossChanged(trainer, expected, batch), "the step changed the batch error");
    }
  }

  @Test
  void meanStepsMoveParametersByTheSumStepOverTheBatchSize() throws SpecException {
    Trainer sum = new Trainer(Specs.compile(twoLayer("SumBatch", BatchReduction.SUM)));
    Trainer mean = new Trainer(Specs.compile(twoLayer("MeanBatch", BatchReduction.MEAN)));
    double[] before = sum.parameters().clone();
    assertArrayEquals(before, mean.parameters(), "both start from the same seeded parameters");
    sum.step(XS, DS);
    mean.step(XS, DS);
    int batchSize = XS.length;
    for (int p = 0; p < before.length; p++) {
      double sumChange = sum.parameters()[p] - before[p];
      double meanChange = mean.parameters()[p] - before[p];
      assertTrue(sumChange != 0, "the sum step moved parameter " + p);
      // w_new − w_old carries the rounding of w_new, so the scale includes |w_old|.
      double scale = Math.max(Math.abs(before[p]), Math.abs(sumChange));
      assertEquals(sumChange / batchSize, meanChange, 1e-15 * scale,
          "parameter " + p + ": mean change vs sum change / " + batchSize);
    }
  }

  @Test
  void sgdStepSubtractsTheLearningRateTimesTheBatchGradient() throws SpecException {
    Class<?> trainerClass = Specs.compile(twoLayer("Sgd", BatchReduction.SUM));
    Trainer trainer = new Trainer(trainerClass);
    double[] before = trainer.parameters().clone();
    trainer.step(XS, DS);
    double[] gradient = trainer.gradients();
    assertClose(summedGradients(new Trainer(trainerClass)), gradient, 1e-15, "gradients() after step");
    double[] after = trainer.parameters();
    for (int p = 0; p < before.length; p++) {
      assertEquals(before[p] - 0.25 * gradient[p], after[p], 0.0, "w[" + p + "] after one step, η = 0.25");
    }
  }

  // ---- fit ------------------------------------------------------------------------------------

  @Test
  void fitIsDeterministic() throws Exception {
    Class<?> trainerClass = Specs.compile(twoLayer("FitTwice", BatchReduction.MEAN));
    Object first = Reflective.newInstance(trainerClass);
    Object second = Reflective.newInstance(trainerClass);
    double[] initial = Reflective.parameters(first).clone();
    Reflective.fit(first, FIT_XS, FIT_DS, 3, 2);
    Reflective.fit(second, FIT_XS, FIT_DS, 3, 2);
    assertFalse(Arrays.equals(initial, Reflective.parameters(first)), "fit changed the parameters");
    assertArrayEquals(Reflective.parameters(first), Reflective.parameters(second), "parameters after the same fit");
  }

  @Test
  void oneEpochInOneFullBatchIsOneStep() throws Exception {
    Class<?> trainerClass = Specs.compile(twoLayer("FitOneBatch", BatchReduction.MEAN));
    Object fitted = Reflective.newInstance(trainerClass);
    Trainer stepped = new Trainer(trainerClass);
    double[] initial = stepped.parameters().clone();
    Reflective.fit(fitted, FIT_XS, FIT_DS, 1, FIT_XS.length);
    stepped.step(FIT_XS, FIT_DS);
    assertFalse(Arrays.equals(initial, stepped.parameters()), "the step changed the parameters");
    // the same samples in shuffled order: equal up to summation order
    assertClose(stepped.parameters(), Reflective.parameters(fitted), 1e-12, "fit(1 epoch, batch N) vs step");
  }

  // ---- initializers ---------------------------------------------------------------------------

  @Test
  void normalInitializerDrawsWeightsInParameterOrderAndZeroBiases() throws SpecException {
    long seed = 42;
    double std = 0.3;
    NetworkSpec spec =
        Specs.network("NormalInit", 3)
            .layer(4, Activation.named(NamedActivation.TANH))
            .layer(2, Activation.named(NamedActivation.SIGMOID), false)
            .layer(2, Activation.named(NamedActivation.IDENTITY))
            .initializer(new Initializer.Normal(seed, std))
            .build();
    Class<?> trainerClass = Specs.compile(spec);
    double[] w = new Trainer(trainerClass).parameters();
    assertArrayEquals(w, new Trainer(trainerClass).parameters(), "two new instances");
    // layer 1: bias row + 3 rows of 4; layer 2: 4 rows of 2, no bias; layer 3: bias row + 2 rows of 2
    int[][] blocks = {{4, 4, 1}, {4, 2, 0}, {3, 2, 1}};
    double[] expected = new double[w.length];
    Random random = new Random(seed);
    int p = 0;
    for (int[] block : blocks) {
      for (int row = 0; row < block[0]; row++) {
        for (int j = 0; j < block[1]; j++) {
          boolean biasRow = block[2] == 1 && row == 0;
          expected[p++] = biasRow ? 0.0 : std * random.nextGaussian();
        }
      }
    }
    assertEquals(p, w.length, "PARAMETERS");
    assertArrayEquals(expected, w, "N(0, 0.3²) weights from new Random(42), biases 0");
  }

  @Test
  void zerosInitializerStartsEveryParameterAtZero() throws SpecException {
    NetworkSpec spec =
        Specs.network("ZeroInit", 2)
            .layer(3, Activation.named(NamedActivation.TANH))
            .layer(1, Activation.named(NamedActivation.SIGMOID), false)
            .initializer(new Initializer.Zeros())
            .build();
    double[] w = new Trainer(Specs.compile(spec)).parameters();
    assertEquals(12, w.length, "PARAMETERS");
    assertArrayEquals(new double[12], w, "every parameter zero");
  }

  // ---- the seed demos -------------------------------------------------------------------------

  @Test
  void seed004OneWeightExample() throws SpecException {
    NetworkSpec spec =
        Specs.network("OneWeight", 1)
            .layer(1, Activation.named(NamedActivation.IDENTITY), false)
            .loss(Loss.named(NamedLoss.HALF_SSE))
            .batch(BatchReduction.SUM)
            .optimizer(new Optimizer.Sgd(0.1))
            .initializer(new Initializer.Explicit(new double[] {1.0}, "seed 004"))
            .build();
    Trainer trainer = new Trainer(Specs.compile(spec));
    double[][] x = {{2}};
    double[][] d = {{4}};
    assertEquals(2.0, trainer.loss(x[0], d[0]), 1e-12, "E = ½(1·2 − 4)² before the step");
    assertEquals(2.0, trainer.step(x, d), 1e-12, "step returns E before the update");
    assertEquals(1.4, trainer.parameters()[0], 1e-12, "w = 1 − 0.1 · (2 − 4) · 2");
    assertEquals(0.72, trainer.loss(x[0], d[0]), 1e-12, "E = ½(1.4·2 − 4)² after the step");
  }

  @Test
  void seed000XorReproducesTheSeedsTable() throws SpecException {
    Trainer trainer = new Trainer(Specs.compile(Specs.xor()));
    double[][] xs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    double[][] ds = {{0}, {1}, {1}, {0}};
    // The seed prints the forward pass of its last epoch, before that epoch's update.
    for (int epoch = 0; epoch < 9999; epoch++) {
      trainer.step(xs, ds);
    }
    double[] numpy = {0.02474187240430439, 0.4992150973152715, 0.9696557937717554, 0.5018547055706005};
    double[] printed = {0.025, 0.499, 0.97, 0.502};
    for (int s = 0; s < xs.length; s++) {
      double y = predict(trainer, xs[s], 1)[0];
      assertEquals(numpy[s], y, 1e-9, "y for x = " + Arrays.toString(xs[s]) + " after 9999 steps");
      assertEquals(printed[s], Math.round(y * 1000) / 1000.0, 0.0, "the seed's rounded output for x = " + Arrays.toString(xs[s]));
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** A 2-3-2 network with sigmoid hidden units and linear outputs, η = 0.25, seeded normal start. */
  private static NetworkSpec twoLayer(String name, BatchReduction batch) throws SpecException {
    return Specs.network(name, 2)
        .layer(3, Activation.named(NamedActivation.SIGMOID))
        .layer(2, Activation.named(NamedActivation.IDENTITY))
        .batch(batch)
        .optimizer(new Optimizer.Sgd(0.25))
        .initializer(new Initializer.Normal(3, 0.8))
        .build();
  }

  /** Σ_s ∂E_s/∂w over XS, DS, one backward call per sample on a fresh trainer. */
  private static double[] summedGradients(Trainer trainer) {
    double[] sum = new double[trainer.parameters().length];
    for (int s = 0; s < XS.length; s++) {
      trainer.zeroGradients();
      trainer.backward(XS[s], DS[s]);
      double[] g = trainer.gradients();
      for (int p = 0; p < sum.length; p++) {
        sum[p] += g[p];
      }
    }
    return sum;
  }

  private static boolean lossChanged(Trainer trainer, double before, BatchReduction batch) {
    double sum = 0;
    for (int s = 0; s < XS.length; s++) {
      sum += trainer.loss(XS[s], DS[s]);
    }
    return (batch == BatchReduction.SUM ? sum : sum / XS.length) != before;
  }

  /** Distinct, sign-alternating values, so that a transposed or shifted layout changes y. */
  private static void setDistinctValues(double[] w) {
    for (int p = 0; p < w.length; p++) {
      w[p] = (p % 2 == 0 ? 1 : -1) * 0.1 * (p + 1) + 0.01 * p * p;
    }
  }

  /**
   * One layer by the book: u_j = [w_{0j}] + Σ_{i=1}^{m} w_{ij} z_i with w_{ij} at {@code offset +
   * r * n + (j − 1)}, r = i with a bias row and i − 1 without; z_j = f(u_j).
   */
  private static double[] dense(
      double[] w, int offset, boolean bias, double[] input, int n, DoubleUnaryOperator f) {
    double[] z = new double[n];
    for (int j = 1; j <= n; j++) {
      double u = bias ? w[offset + (j - 1)] : 0.0;
      for (int i = 1; i <= input.length; i++) {
        int row = bias ? i : i - 1;
        u += w[offset + row * n + (j - 1)] * input[i - 1];
      }
      z[j - 1] = f.applyAsDouble(u);
    }
    return z;
  }

  private static double[] predict(Trainer trainer, double[] x, int outputs) {
    double[] y = new double[outputs];
    trainer.predict(x, y);
    return y;
  }

  private static void assertClose(double[] expected, double[] actual, double relative, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(Math.abs(expected[i]), Math.abs(actual[i]));
      assertEquals(expected[i], actual[i], relative * scale,
          what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
    }
  }

  /** E of one sample as a test writes it. */
  interface LossFunction {
    double of(double[] y, double[] d);
  }

  private static Arguments loss(Loss loss, String formula, LossFunction function) {
    return Arguments.of(Named.of(loss.name() + ": " + formula, loss), function);
  }

  private static Loss customLoss(String expression) {
    try {
      return Loss.custom(expression);
    } catch (SpecException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double sum(double[] y, double[] d, DoubleUnaryOperator perOutput) {
    double e = 0;
    for (int j = 0; j < y.length; j++) {
      e += perOutput.applyAsDouble(y[j] - d[j]);
    }
    return e;
  }

  /** The parts of the generated API that {@link Trainer} does not wrap, by reflection. */
  private static final class Reflective {
    static Object newInstance(Class<?> trainerClass) throws ReflectiveOperationException {
      return trainerClass.getConstructor().newInstance();
    }

    static double[] parameters(Object trainer) throws ReflectiveOperationException {
      return (double[]) trainer.getClass().getMethod("parameters").invoke(trainer);
    }

    static void fit(Object trainer, double[][] xs, double[][] ds, int epochs, int batchSize)
        throws ReflectiveOperationException {
      try {
        trainer.getClass()
            .getMethod("fit", double[][].class, double[][].class, int.class, int.class)
            .invoke(trainer, xs, ds, epochs, batchSize);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("fit threw", e.getCause());
      }
    }
  }
}
