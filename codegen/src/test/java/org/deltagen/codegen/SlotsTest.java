package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.Norm;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Precision;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A trainer with a looped layer runs a batch through the network up to SLOTS samples at a time,
 * each row of w and g copied out once for all of them. These tests hold it to the arithmetic of one
 * sample at a time, with batches that span several blocks of slots and end in a partial one.
 */
class SlotsTest {
  /** 70 samples: two full blocks of 32 slots and one of 6, which adds its terms 4 + 2. */
  private static final int BATCH = 2 * Slots.MAX_SLOTS + 6;

  static Stream<Arguments> networks() throws SpecException {
    return Stream.of(
        Arguments.of("tanh and softmax, adam", Specs.network("SlotsSoftmax", 6)
            .layer(RowCopyLayout.ROW_COPY_UNITS, Activation.named(NamedActivation.TANH))
            .layer(3, Activation.named(NamedActivation.SOFTMAX))
            .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
            .batch(BatchReduction.MEAN)
            .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0, false, true))
            .initializer(new Initializer.Normal(3, 0.5))
            .build()),
        Arguments.of("float, relu, sgd with momentum", Specs.network("SlotsFloat", 6)
            .layer(RowCopyLayout.ROW_COPY_UNITS, Activation.named(NamedActivation.RELU))
            .layer(2, Activation.named(NamedActivation.IDENTITY))
            .loss(Loss.named(NamedLoss.MSE))
            .optimizer(new Optimizer.Sgd(0.02, 0.9, 0, false, 0, true))
            .initializer(new Initializer.Normal(4, 0.5))
            .precision(Precision.FLOAT)
            .build()),
        Arguments.of("skips, tanh, adam", skips(Precision.DOUBLE)),
        Arguments.of("float, skips, tanh, adam", skips(Precision.FLOAT)),
        Arguments.of("norms and a skip, adam", norms(Precision.DOUBLE)),
        Arguments.of("float, norms and a skip, adam", norms(Precision.FLOAT)),
        Arguments.of("dropouts and a skip, adam", dropouts(Precision.DOUBLE)),
        Arguments.of("float, dropouts and a skip, adam", dropouts(Precision.FLOAT)));
  }

  /**
   * Two wide layers, the second adding the first past a narrow one (narrow, so that the unrolled
   * twin's passes fit a Java method).
   */
  private static NetworkSpec skips(Precision precision) throws SpecException {
    return wideTwice("SlotsSkip", null, null, precision, 0);
  }

  /**
   * As {@link #skips}, both wide layers dropped out, the second before its skip adds: the slots
   * draw each sample's masks in the batch's order, as one sample at a time does.
   */
  private static NetworkSpec dropouts(Precision precision) throws SpecException {
    return wideTwice("SlotsDropout", null, null, precision, 0.3);
  }

  /** As {@link #skips}, the wide layers normalized: over the layer, and over 4 groups. */
  private static NetworkSpec norms(Precision precision) throws SpecException {
    return wideTwice("SlotsNorm", Norm.layer(), Norm.group(4), precision, 0);
  }

  private static NetworkSpec wideTwice(String name, Norm first, Norm second, Precision precision, double dropout)
      throws SpecException {
    int wide = RowCopyLayout.ROW_COPY_UNITS;
    NetworkSpec.Builder builder = Specs.network(name + precision.keyword(), 6)
        .layer(wide, Activation.named(NamedActivation.TANH)).dropout(dropout);
    if (first != null) {
      builder.norm(first);
    }
    builder.layer(2, Activation.named(NamedActivation.SIGMOID))
        .layer(wide, Activation.named(second == null ? NamedActivation.TANH : NamedActivation.RELU));
    if (second != null) {
      builder.norm(second);
    }
    return builder.dropout(dropout).skip(1)
        .layer(3, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .optimizer(new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0, false, true))
        .initializer(new Initializer.Normal(5, 0.1))
        .precision(precision)
        .build();
  }

  /**
   * The same spec generated twice: every layer unrolled, so one sample at a time with no slots, and
   * every layer looped, so in slots, the wide layer copying rows and the narrow one not. Steps over
   * 70 samples and a shuffled fit in batches of 40 give the same numbers.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void batchesSpanningSeveralBlocksTrainAsOneSampleAtATime(String name, NetworkSpec spec) throws Exception {
    String slottedSource = TrainerGenerator.generate(Specs.derive(spec), 0).toString();
    assertTrue(slottedSource.contains("private static final int SLOTS = 32;"), slottedSource);
    // Six inputs: rows 1-4 in a group of TERMS, rows 5 and 6 one at a time.
    assertTrue(slottedSource.contains("u1[j] = u1[j] + zi0 * rowCopy[j] + zi1 * rowCopy[64 + j]"), slottedSource);
    assertTrue(slottedSource.contains("u1[j] += zi * rowCopy[j];"), slottedSource);
    assertTrue(slottedSource.contains("u2[j] += zi * w[row + j];"), slottedSource);
    String unrolledSource = TrainerGenerator.generate(Specs.derive(spec), Integer.MAX_VALUE).toString();
    assertFalse(unrolledSource.contains("SLOTS"), "every layer unrolled: no slots");
    Class<?> slottedClass = InMemoryCompiler.compile(TrainerGenerator.generate(Specs.derive(spec), 0));
    Class<?> unrolledClass = InMemoryCompiler.compile(TrainerGenerator.generate(Specs.derive(spec), Integer.MAX_VALUE));
    Trainer oneAtATime = new Trainer(unrolledClass);
    Trainer slotted = new Trainer(slottedClass);
    double[][] xs = Specs.uniformInputs(BATCH, spec.inputs(), 21);
    double[][] ds = Specs.oneHotTargets(BATCH, spec.outputs());

    Specs.assertSameSteps("one at a time", oneAtATime, "in slots", slotted, xs, ds, 5);
    // loss(xs, ds) runs its forward passes in slots too.
    GeneratedTrainer losses = GeneratedTrainer.of(slottedClass);
    Object[] inputs = (Object[]) losses.samples(xs);
    Object[] targets = (Object[]) losses.samples(ds);
    double sampleBySample = 0.0;
    for (int s = 0; s < BATCH; s++) {
      sampleBySample += (double) losses.call("loss", inputs[s], targets[s]);
    }
    assertEquals(sampleBySample / (spec.batch() == BatchReduction.MEAN ? BATCH : 1),
        (double) losses.call("loss", inputs, targets), 0.0, "loss over 70 samples in slots");

    GeneratedTrainer fitOneAtATime = GeneratedTrainer.of(unrolledClass);
    GeneratedTrainer fitSlotted = GeneratedTrainer.of(slottedClass);
    for (GeneratedTrainer trainer : new GeneratedTrainer[] {fitOneAtATime, fitSlotted}) {
      trainer.call("fit", trainer.samples(xs), trainer.samples(ds), 3, 40);
    }
    Specs.assertSameParameters("one at a time", fitOneAtATime.parameterValues(), "in slots",
        fitSlotted.parameterValues());
  }

  /**
   * In slots, step adds each sample's gradient in the batch's order, as backward one by one does,
   * starting from zero though g holds the previous step's gradients.
   */
  @Test
  void stepAddsTheGradientsOfTheSlotsInTheBatchesOrder() throws Exception {
    NetworkSpec spec = Specs.network("SlotsOrder", 20)
        .layer(RowCopyLayout.ROW_COPY_UNITS, Activation.named(NamedActivation.SIGMOID))
        .layer(4, Activation.named(NamedActivation.SIGMOID))
        .loss(Loss.named(NamedLoss.BINARY_CROSS_ENTROPY))
        .initializer(new Initializer.Normal(5, 0.5))
        .build();
    String source = Specs.generate(spec).toString();
    assertTrue(source.contains("rowCopy[j] = rowCopy[j] + zi0 * delta1_0[j] + zi1 * delta1_1[j]"), source);
    Class<?> type = Specs.compile(spec);
    Trainer stepping = new Trainer(type);
    Trainer sampleBySample = new Trainer(type);
    double[][] xs = Specs.uniformInputs(BATCH, spec.inputs(), 22);
    double[][] ds = Specs.oneHotTargets(BATCH, spec.outputs());

    // After a first step g holds that step's gradients, which the second must not read.
    stepping.step(xs, ds);
    sampleBySample.step(xs, ds);
    double stepError = stepping.step(xs, ds);
    sampleBySample.zeroGradients();
    double error = 0.0;
    for (int s = 0; s < BATCH; s++) {
      error += sampleBySample.backward(xs[s], ds[s]);
    }

    assertEquals(error, stepError, 0.0);
    double[] expected = sampleBySample.gradientValues();
    double[] actual = stepping.gradientValues();
    for (int p = 0; p < expected.length; p++) {
      assertEquals(Double.doubleToRawLongBits(expected[p]), Double.doubleToRawLongBits(actual[p]),
          "∂E/∂w_" + p + ": sample by sample " + expected[p] + ", step " + actual[p]);
    }
  }
}
