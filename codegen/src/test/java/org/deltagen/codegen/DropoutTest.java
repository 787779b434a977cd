package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Norm;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Precision;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dropout=p} (PRODUCT.md §2b item 4): inverted dropout of f's output in step, fit and
 * backward, the identity in predict and loss, its masks from the trainer's seeded generator.
 */
class DropoutTest {
  /** 4 inputs, a tanh layer dropped out with p and a sigmoid layer dropped out before its skip. */
  private static NetworkSpec.Builder network(String name, double p, Precision precision) {
    return Specs.network(name, 4)
        .layer(6, Activation.named(NamedActivation.TANH)).dropout(p)
        .layer(6, Activation.named(NamedActivation.SIGMOID)).dropout(p).skip(1)
        .layer(3, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .batch(BatchReduction.MEAN)
        .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0, false, true))
        .initializer(new Initializer.Normal(9, 0.5))
        .precision(precision);
  }

  /**
   * y = Σ_j m_j where z^1 = f(1) = 1 before the mask, so each backward's ∂E/∂b^1_j = y m_j shows
   * which units it kept: over 10⁵ masks of 10 units the kept fraction is within 4 standard errors
   * of 1 − p, and y = kept/(1 − p), the survivors' scale.
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.5, 0.1, 0.9})
  void theMeanKeptFractionIsOneMinusPAndTheSurvivorsAreScaled(double p) throws SpecException {
    int units = 10;
    int masks = 100_000;
    NetworkSpec spec = Specs.network("Kept", 1)
        .layer(units, Activation.named(NamedActivation.IDENTITY)).dropout(p)
        .layer(1, Activation.named(NamedActivation.IDENTITY))
        .loss(Loss.named(NamedLoss.HALF_SSE))
        .build();
    Trainer trainer = new Trainer(Specs.compile(spec));
    double[] w = trainer.parameters();
    Arrays.fill(w, 0);
    for (int j = 1; j <= units; j++) {
      w[spec.weightIndex(1, 0, j)] = 1;
      w[spec.weightIndex(2, j, 1)] = 1;
    }
    double[] x = {0.25};
    double[] d = {0};
    long kept = 0;
    for (int mask = 0; mask < masks; mask++) {
      trainer.zeroGradients();
      double e = trainer.backward(x, d);
      double[] g = trainer.gradients();
      int keptNow = 0;
      for (int j = 1; j <= units; j++) {
        keptNow += g[spec.weightIndex(1, 0, j)] != 0 ? 1 : 0;
      }
      assertEquals(keptNow / (1 - p), Math.sqrt(2 * e), 1e-12, "y = Σ m_j with m_j = 1/(1 − p) for a kept unit");
      kept += keptNow;
    }
    double fraction = (double) kept / ((double) masks * units);
    double standardError = Math.sqrt(p * (1 - p) / ((double) masks * units));
    System.out.printf("dropout p = %s: kept fraction %.6f over %d masks of %d units, 1 − p = %s, SE %.2e,"
        + " %.2f SE off%n", p, fraction, masks, units, 1 - p, standardError, (fraction - (1 - p)) / standardError);
    assertEquals(1 - p, fraction, 4 * standardError, "the mean kept fraction");
  }

  /** Two trainers of one class draw the same masks; one trainer draws new masks for each sample. */
  @Test
  void masksAreReproducibleForTheSeedAndFreshForEachSample() throws SpecException {
    NetworkSpec spec = network("Reproducible", 0.5, Precision.DOUBLE).build();
    Class<?> type = Specs.compile(spec);
    Trainer first = new Trainer(type);
    Trainer second = new Trainer(type);
    double[][] xs = Specs.uniformInputs(12, 4, 5);
    double[][] ds = Specs.oneHotTargets(12, 3);

    Specs.assertSameSteps("first", first, "second", second, xs, ds, 5);
    first.zeroGradients();
    first.backward(xs[0], ds[0]);
    double[] once = first.gradientValues();
    first.zeroGradients();
    first.backward(xs[0], ds[0]);
    assertFalse(Arrays.equals(once, first.gradientValues()), "the same sample twice, with new masks");
  }

  /**
   * The spec with dropout and without it: the same parameters predict the same bits, and loss is
   * the same; step differs, since it drops units.
   */
  @ParameterizedTest
  @EnumSource(Precision.class)
  void predictAndLossAreBitIdenticalWithAndWithoutDropout(Precision precision) throws SpecException {
    Trainer dropped = new Trainer(Specs.compile(network("Dropped", 0.5, precision).build()));
    Trainer plain = new Trainer(Specs.compile(network("Plain", 0, precision).build()));
    double[][] xs = Specs.uniformInputs(50, 4, 6);
    double[][] ds = Specs.oneHotTargets(50, 3);
    assertArrayEquals(plain.parameterValues(), dropped.parameterValues(), "the same initial parameters");
    for (int s = 0; s < xs.length; s++) {
      double[] y = new double[3];
      double[] yDropped = new double[3];
      plain.predict(xs[s], y);
      dropped.predict(xs[s], yDropped);
      for (int k = 0; k < 3; k++) {
        assertEquals(Double.doubleToRawLongBits(y[k]), Double.doubleToRawLongBits(yDropped[k]), "y_" + k);
      }
      assertEquals(Double.doubleToRawLongBits(plain.loss(xs[s], ds[s])),
          Double.doubleToRawLongBits(dropped.loss(xs[s], ds[s])), "loss of sample " + s);
    }
    assertNotEquals(plain.step(xs, ds), dropped.step(xs, ds), "training drops units");
  }

  /** dropout=0 is no dropout: the same source, character for character. */
  @Test
  void zeroGeneratesNoDropoutCode() throws SpecException {
    String none = Specs.generate(network("Same", 0, Precision.DOUBLE).build()).toString();
    String plain = Specs.generate(Specs.network("Same", 4)
        .layer(6, Activation.named(NamedActivation.TANH))
        .layer(6, Activation.named(NamedActivation.SIGMOID)).skip(1)
        .layer(3, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .batch(BatchReduction.MEAN)
        .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0, false, true))
        .initializer(new Initializer.Normal(9, 0.5))
        .build()).toString();
    assertEquals(plain, none, "dropout=0 on both layers is the plain spec");
    assertFalse(none.contains("drawMasks") || none.contains("boolean training") || none.contains("SplittableRandom"), none);
  }

  /** With the mask of backward kept (trainingLoss), the numerical gradient matches backward's. */
  @ParameterizedTest
  @EnumSource(Precision.class)
  void gradientsPassTheCheckWithTheMaskFixed(Precision precision) throws SpecException {
    for (NamedActivation activation : new NamedActivation[] {NamedActivation.TANH, NamedActivation.SIGMOID}) {
      NetworkSpec.Builder spec = Specs.network("Checked" + activation.name(), 4)
          .layer(6, Activation.named(activation)).dropout(0.3)
          .layer(6, Activation.named(NamedActivation.TANH)).dropout(0.5).skip(1);
      assertPassesTheCheck(spec, precision);
    }
  }

  /** {@code hidden} with a softmax head and cross-entropy passes the gradient check in {@code precision}. */
  private static void assertPassesTheCheck(NetworkSpec.Builder hidden, Precision precision) throws SpecException {
    NetworkSpec spec = hidden.layer(3, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .precision(precision)
        .build();
    GradientCheck.Result result = new GradientCheck(spec).run(new Trainer(Specs.compile(spec)), 11);
    assertTrue(result.passed(), result::toString);
  }

  /**
   * Dropout after batch norm: the whole batch goes through the slots, each sample with its own
   * mask, and the batch's gradient (checked over a batch, masks fixed) matches its differences.
   */
  @ParameterizedTest
  @EnumSource(Precision.class)
  void dropoutAfterBatchNormPassesTheBatchCheck(Precision precision) throws SpecException {
    assertPassesTheCheck(Specs.network("DroppedBatch", 4)
        .layer(8, Activation.named(NamedActivation.RELU)).norm(Norm.batch()).dropout(0.3)
        .layer(70, Activation.named(NamedActivation.TANH)).norm(Norm.batch()).dropout(0.5), precision);
  }

  /** Each optimizer's trajectory with dropout is its reference's on the gradients backward gives. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("org.deltagen.codegen.OptimizerTrajectoryTest#optimizers")
  void everyOptimizerFollowsItsReferenceOnTheDroppedGradients(String name, Optimizer optimizer)
      throws SpecException {
    OptimizerTrajectoryTest.compare(Specs.network("Net", 4)
        .layer(8, Activation.named(NamedActivation.TANH)).dropout(0.5)
        .layer(8, Activation.named(NamedActivation.SIGMOID)).dropout(0.2)
        .layer(3, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .optimizer(optimizer)
        .initializer(new Initializer.Normal(3, 0.5))
        .build(), name + " with dropout");
  }

  /**
   * save and load keep the parameters: the loaded trainer predicts the saved one's bits, and two
   * trainers loaded from one file train alike, their masks drawn from the same seed.
   */
  @ParameterizedTest
  @EnumSource(Precision.class)
  void aSavedTrainerLoadsAndTrainsReproducibly(Precision precision) throws Exception {
    GeneratedTrainer original = GeneratedTrainer.of(network("Saved", 0.5, precision).build());
    double[][] xs = Specs.uniformInputs(20, 4, 7);
    double[][] ds = Specs.oneHotTargets(20, 3);
    original.call("fit", original.samples(xs), original.samples(ds), 3, 5);
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    original.call("save", file, true);
    GeneratedTrainer first = original.another();
    GeneratedTrainer second = original.another();
    first.call("load", new ByteArrayInputStream(file.toByteArray()));
    second.call("load", new ByteArrayInputStream(file.toByteArray()));

    assertArrayEquals(original.parameterValues(), first.parameterValues());
    Object[] inputs = (Object[]) original.samples(xs);
    Object[] targets = (Object[]) original.samples(ds);
    assertEquals(original.call("loss", inputs, targets), first.call("loss", inputs, targets));
    for (int step = 0; step < 3; step++) {
      assertEquals(first.call("step", inputs, targets), second.call("step", inputs, targets), "step " + step);
    }
    assertArrayEquals(first.parameterValues(), second.parameterValues());
  }
}
