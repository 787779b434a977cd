package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.junit.jupiter.api.Test;

/** classify, probability, predict(x) and step(xs, ds, from, to): what they answer, and that they allocate nothing. */
class ConvenienceTest {
  private static final Initializer XAVIER = new Initializer.Scaled(Initializer.Scaled.Scheme.XAVIER, false, 7, 1);

  private static NetworkSpec softmax(String name, int inputs, int hidden) throws Exception {
    return Specs.network(name, inputs)
        .layer(hidden, Activation.named(NamedActivation.TANH))
        .layer(3, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .batch(BatchReduction.MEAN)
        .initializer(XAVIER)
        .build();
  }

  @Test
  void classifyIsTheArgmaxOfPredictAndPredictXIsANewArray() throws Exception {
    GeneratedTrainer net = GeneratedTrainer.of(softmax("Classes", 4, 5));
    double[][] xs = Specs.uniformInputs(200, 4, 3);
    int[] seen = new int[3];
    for (double[] x : xs) {
      double[] y = new double[3];
      net.call("predict", x, y);
      int argmax = 0;
      for (int k = 1; k < 3; k++) {
        argmax = y[k] > y[argmax] ? k : argmax;
      }
      assertEquals(argmax, net.call("classify", x));
      double[] fresh = (double[]) net.call("predict", x);
      assertArrayEquals(y, fresh);
      assertNotSame(fresh, net.call("predict", x), "a new array each call");
      seen[argmax]++;
    }
    assertTrue(Arrays.stream(seen).filter(count -> count > 0).count() >= 2, "the inputs reach several classes: "
        + Arrays.toString(seen));
  }

  @Test
  void aSingleSigmoidHasItsProbabilityAndClassifiesAtOneHalf() throws Exception {
    GeneratedTrainer net = GeneratedTrainer.of(Specs.network("Binary", 2)
        .layer(4, Activation.named(NamedActivation.TANH))
        .layer(1, Activation.named(NamedActivation.SIGMOID))
        .loss(Loss.named(NamedLoss.BINARY_CROSS_ENTROPY))
        .initializer(new Initializer.Normal(5, 2))
        .build());
    int ones = 0;
    for (double[] x : Specs.uniformInputs(200, 2, 11)) {
      double[] y = new double[1];
      net.call("predict", x, y);
      assertEquals(y[0], (double) net.call("probability", x));
      int expected = y[0] >= 0.5 ? 1 : 0;
      assertEquals(expected, net.call("classify", x));
      ones += expected;
    }
    assertTrue(ones > 0 && ones < 200, "both classes occur: " + ones + " of 200");
  }

  @Test
  void aRegressionHasNeitherClassifyNorProbability() throws Exception {
    Class<?> type = Specs.compile(Specs.regression("Fit", 2, 3, NamedActivation.TANH, 2));
    assertFalse(Arrays.stream(type.getMethods()).anyMatch(m -> m.getName().equals("classify")
        || m.getName().equals("probability")));
    type.getMethod("predict", double[].class);
  }

  /** A range of the arrays is the same batch as a copy of it, in the unrolled and the slotted layout. */
  @Test
  void stepOnARangeIsStepOnThatSlice() throws Exception {
    for (NetworkSpec spec : new NetworkSpec[] {softmax("Small", 4, 5), softmax("Wide", 100, 128)}) {
      GeneratedTrainer ranged = GeneratedTrainer.of(spec);
      GeneratedTrainer sliced = ranged.another();
      double[][] xs = Specs.uniformInputs(10, spec.inputs(), 5);
      double[][] ds = Specs.oneHotTargets(10, 3);
      for (int round = 0; round < 3; round++) {
        double expected = (double) sliced.call("step", Arrays.copyOfRange(xs, 2, 7), Arrays.copyOfRange(ds, 2, 7));
        assertEquals(expected, (double) ranged.call("step", xs, ds, 2, 7), spec.name());
      }
      assertArrayEquals((double[]) sliced.call("parameters"), (double[]) ranged.call("parameters"), spec.name());
    }
  }

  /**
   * new Net(seed) with the spec's seed is new Net(): the same weights and the same shuffled epochs
   * and dropout masks; another seed draws other weights, shuffles and masks.
   */
  @Test
  void theSeedConstructorReplacesTheSpecsSeed() throws Exception {
    NetworkSpec spec = Specs.network("Seeded", 4)
        .layer(6, Activation.named(NamedActivation.TANH)).dropout(0.3)
        .layer(3, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .initializer(XAVIER)
        .build();
    Class<?> type = Specs.compile(spec);
    double[][] xs = Specs.uniformInputs(12, 4, 5);
    double[][] ds = Specs.oneHotTargets(12, 3);
    double[] spec7 = trainedParameters(type.getConstructor().newInstance(), xs, ds);
    assertArrayEquals(spec7, trainedParameters(type.getConstructor(long.class).newInstance(7L), xs, ds));
    Object other = type.getConstructor(long.class).newInstance(8L);
    assertFalse(Arrays.equals(((double[]) type.getMethod("parameters").invoke(type.getConstructor().newInstance())),
        (double[]) type.getMethod("parameters").invoke(other)), "seed 8 draws other initial weights");
    assertFalse(Arrays.equals(spec7, trainedParameters(other, xs, ds)));
  }

  /** Three epochs of fit in batches of 4. */
  private static double[] trainedParameters(Object trainer, double[][] xs, double[][] ds) throws Exception {
    trainer.getClass().getMethod("fit", double[][].class, double[][].class, int.class, int.class)
        .invoke(trainer, xs, ds, 3, 4);
    return (double[]) trainer.getClass().getMethod("parameters").invoke(trainer);
  }

  @Test
  void aRangeOutsideTheArraysIsRefused() throws Exception {
    GeneratedTrainer net = GeneratedTrainer.of(softmax("Ranges", 4, 5));
    double[][] xs = Specs.uniformInputs(4, 4, 1);
    double[][] ds = Specs.oneHotTargets(4, 3);
    for (int[] range : new int[][] {{-1, 2}, {0, 5}, {2, 2}, {3, 1}}) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> net.call("step", xs, ds, range[0], range[1]));
      assertEquals("a batch needs 0 ≤ from < to ≤ 4, got from = " + range[0] + " and to = " + range[1],
          refused.getMessage());
    }
  }

  @Test
  void classifyAndARangedStepAllocateNothing() throws Throwable {
    GeneratedTrainer net = GeneratedTrainer.of(softmax("Quiet", 4, 5));
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    MethodHandle classify = lookup.findVirtual(net.type, "classify", MethodType.methodType(int.class, double[].class))
        .bindTo(net.instance);
    MethodHandle step = lookup.findVirtual(net.type, "step",
        MethodType.methodType(double.class, double[][].class, double[][].class, int.class, int.class))
        .bindTo(net.instance);
    double[] x = {0.1, -0.2, 0.3, 0.4};
    double[][] xs = Specs.uniformInputs(8, 4, 2);
    double[][] ds = Specs.oneHotTargets(8, 3);
    int[] sink = new int[1];
    assertEquals(0, AllocationProbe.allocatedBytes(n -> {
      for (int c = 0; c < n; c++) {
        sink[0] += invokeClassify(classify, x);
      }
    }, 20_000, 10_000), "classify");
    assertEquals(0, AllocationProbe.allocatedBytes(n -> {
      for (int c = 0; c < n; c++) {
        sink[0] += (int) invokeStep(step, xs, ds);
      }
    }, 5_000, 5_000), "step(xs, ds, from, to)");
  }

  private static int invokeClassify(MethodHandle classify, double[] x) {
    try {
      return (int) classify.invokeExact(x);
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }

  private static double invokeStep(MethodHandle step, double[][] xs, double[][] ds) {
    try {
      return (double) step.invokeExact(xs, ds, 1, 5);
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }
}
