package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Precision;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Activations with learnable parameters (PRODUCT.md §2b, 3): prelu's slope and the a, b of
 * f(u; a, b), through every layout and precision, their initial values, their names, and which
 * regularization reaches them.
 */
class LearnedActivationTest {
  private static final String PRELU = "layer %d prelu(a=0.25)\n";
  private static final String SCALED_TANH = "layer %d f(u; a=1.5, b=0.5) = a*Tanh(b*u)\n";

  private static NetworkSpec spec(String name, String layer, int units, String more) throws SpecException {
    return SpecParser.parse(name + ".nn", "network " + name + "\ninput 3\n" + String.format(layer, units)
        + "layer 3 tanh\nlayer 2 identity\nloss half-sse\nbatch sum\noptimizer sgd lr=0.05\n"
        + "init normal seed=4 std=0.5\n" + more);
  }

  static Stream<Arguments> layouts() {
    List<Arguments> cases = new ArrayList<>();
    for (Precision precision : Precision.values()) {
      for (int units : new int[] {4, RowCopyLayout.ROW_COPY_UNITS}) {
        for (int unrollLimit : new int[] {Integer.MAX_VALUE, 0}) {
          cases.add(Arguments.of("prelu", PRELU, units, unrollLimit, precision));
          cases.add(Arguments.of("a*Tanh(b*u)", SCALED_TANH, units, unrollLimit, precision));
        }
      }
    }
    return cases.stream();
  }

  /** Unrolled, flat, rows copied in slots; double and float: ∂E/∂a^l agrees with central differences. */
  @ParameterizedTest(name = "{0}, {2} units, unroll {3}, {4}")
  @MethodSource("layouts")
  void everyLayoutPassesTheGradientCheck(String name, String layer, int units, int unrollLimit, Precision precision)
      throws SpecException {
    NetworkSpec spec = spec("Learned", layer, units, "precision " + precision.name().toLowerCase() + "\n");
    Trainer trainer = new Trainer(InMemoryCompiler.compile(TrainerGenerator.generate(Specs.derive(spec), unrollLimit)));
    GradientCheck.Result result = new GradientCheck(spec).run(trainer, 11);
    assertTrue(result.passed(), result::toString);
    int a = spec.activationParameterOffset(1);
    int learned = spec.layerEnd(1) - a;
    assertArrayEquals(learned == 1 ? new int[] {0, a} : new int[] {0, a, a + 1},
        new GradientCheck(spec).withActivationParameters(new int[] {0}), "a^1 is checked even in a sample");
    assertEquals(learned, new GradientCheck(spec).withActivationParameters(new int[] {a}).length, "each once");
  }

  /**
   * Learned parameters and skips in the same layers (issue 15's combinations): z^2 = a tanh(b u^2) +
   * z^1 and z^3 = prelu(u^3) + x, unrolled and looped, double and float.
   */
  @ParameterizedTest(name = "unroll {0}, {1}")
  @CsvSource({"2147483647, DOUBLE", "0, DOUBLE", "2147483647, FLOAT", "0, FLOAT"})
  void learnedParametersAndSkipsInOneLayerPassTheGradientCheck(int unrollLimit, Precision precision)
      throws SpecException {
    NetworkSpec spec = SpecParser.parse("combined.nn", "network Combined\ninput 3\nlayer 3 tanh\n"
        + "layer 3 f(u; a=1.5, b=0.5) = a*Tanh(b*u) skip=1\nlayer 3 prelu(a=0.25) skip=0\nlayer 2 identity\n"
        + "loss half-sse\nbatch sum\noptimizer sgd lr=0.05\ninit normal seed=4 std=0.5\n"
        + "precision " + precision.name().toLowerCase() + "\n");
    Trainer trainer = new Trainer(InMemoryCompiler.compile(TrainerGenerator.generate(Specs.derive(spec), unrollLimit)));
    GradientCheck.Result result = new GradientCheck(spec).run(trainer, 11);
    assertTrue(result.passed(), result::toString);
  }

  /** One sample at a time (unrolled) and in slots (looped, rows copied) train to the same bits. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("wideLayers")
  void slotsAndOneSampleAtATimeTrainToTheSameBits(String name, String layer) throws SpecException {
    NetworkSpec spec = spec("Wide", layer, RowCopyLayout.ROW_COPY_UNITS, "");
    String slotted = TrainerGenerator.generate(Specs.derive(spec), 0).toString();
    assertTrue(slotted.contains("SLOTS"), slotted);
    Trainer inSlots = new Trainer(InMemoryCompiler.compile(TrainerGenerator.generate(Specs.derive(spec), 0)));
    Trainer oneAtATime = new Trainer(
        InMemoryCompiler.compile(TrainerGenerator.generate(Specs.derive(spec), Integer.MAX_VALUE)));
    double[][] xs = Specs.uniformInputs(70, 3, 5);
    double[][] ds = Specs.uniformInputs(70, 2, 6);
    Specs.assertSameSteps("one at a time", oneAtATime, "in slots", inSlots, xs, ds, 5);
  }

  static Stream<Arguments> wideLayers() {
    return Stream.of(Arguments.of("prelu", PRELU), Arguments.of("a*Tanh(b*u)", SCALED_TANH));
  }

  /** The parameters start as declared whatever init says, and nothing a user named reaches the code. */
  @Test
  void theParametersStartAsDeclaredWhateverInitSays() throws SpecException {
    for (String init : List.of("init normal seed=4 std=0.5", "init zeros", "init xavier seed=1")) {
      NetworkSpec spec = SpecParser.parse("Start.nn", "network Start\ninput 3\n"
          + "layer 4 f(u; slope=1.5, sharp=0.5) = slope*Tanh(sharp*u)\nlayer 2 identity\nloss half-sse\n" + init);
      Trainer trainer = new Trainer(Specs.compile(spec));
      int a = spec.activationParameterOffset(1);
      assertEquals(16, a, "after the 4 × 4 weight block");
      assertEquals(spec.weightOffset(2) - 2, a);
      assertEquals(1.5, trainer.parameter(a), init);
      assertEquals(0.5, trainer.parameter(a + 1), init);
      String source = Specs.generate(spec).toString();
      assertTrue(source.contains("w[A1] * "), source);
      for (String line : source.split("\n")) {
        assertTrue(line.length() <= 100, () -> "longer than 100 columns: " + line);
      }
    }
  }

  @Test
  void theGradientCheckNamesThemByLayer() throws SpecException {
    NetworkSpec spec = spec("Named", SCALED_TANH, 4, "");
    int a = spec.activationParameterOffset(1);
    assertEquals("a^1", GradientCheck.parameterName(spec, a));
    assertEquals("b^1", GradientCheck.parameterName(spec, a + 1));
    assertEquals("w^1_{3,4}", GradientCheck.parameterName(spec, a - 1));
    assertEquals("w^2_{0,1}", GradientCheck.parameterName(spec, a + 2));
    assertEquals(4 * 4 + 2 + 5 * 3 + 4 * 2, spec.parameterCount());
  }

  /** A refused step names a non-finite activation parameter b^l, and the weight after it as w. */
  @Test
  void aNonFiniteActivationParameterIsNamed() throws Exception {
    // One unit and no bias: the block's size alone no longer tells whether it has a bias row.
    NetworkSpec spec = SpecParser.parse("Poisoned.nn", "network Poisoned\ninput 3\n"
        + "layer 1 f(u; a=1.5, b=0.5) = a*Tanh(b*u) bias=false\nlayer 2 identity\nloss half-sse\n");
    int a = spec.activationParameterOffset(1);
    double[][] xs = Specs.uniformInputs(4, 3, 1);
    double[][] ds = Specs.uniformInputs(4, 2, 2);
    GeneratedTrainer trainer = GeneratedTrainer.of(spec);
    ((double[]) trainer.call("parameters"))[a + 1] = Double.NaN;
    ArithmeticException refused = assertThrows(ArithmeticException.class,
        () -> trainer.call("step", trainer.samples(xs), trainer.samples(ds)));
    assertTrue(refused.getMessage().endsWith("the parameter b^1 is NaN"), refused.getMessage());
    GeneratedTrainer second = GeneratedTrainer.of(spec);
    ((double[]) second.call("parameters"))[a - 1] = Double.NaN;
    ArithmeticException weight = assertThrows(ArithmeticException.class,
        () -> second.call("step", second.samples(xs), second.samples(ds)));
    assertTrue(weight.getMessage().endsWith("the parameter w^1_{3,1} is NaN"), weight.getMessage());
  }

  /** Weight decay moves a^l as torch's does (all parameters); the L1 penalty does not (weight rows only). */
  @Test
  void weightDecayReachesThemAndL1DoesNot() throws SpecException {
    double[][] xs = Specs.uniformInputs(6, 3, 1);
    double[][] ds = Specs.uniformInputs(6, 2, 2);
    NetworkSpec plain = spec("Plain", PRELU, 4, "");
    int a = plain.activationParameterOffset(1);
    double plainStep = afterOneStep(plain, xs, ds)[a];
    double[] lasso = afterOneStep(spec("Lasso", PRELU, 4, "regularize l1=0.5\n"), xs, ds);
    assertEquals(plainStep, lasso[a], 0.0, "L1 leaves a^1 alone");
    assertNotEquals(afterOneStep(plain, xs, ds)[a - 1], lasso[a - 1], "but moves the weight before it");
    NetworkSpec decayed = spec("Decayed", PRELU, 4, "").toBuilder()
        .optimizer(new org.deltagen.network.Optimizer.Sgd(0.05, 0, 0, false, 0.5, false)).build();
    assertEquals(plainStep - 0.05 * 0.5 * 0.25, afterOneStep(decayed, xs, ds)[a], 1e-15, "decay of 0.5 × a");
  }

  private static double[] afterOneStep(NetworkSpec spec, double[][] xs, double[][] ds) throws SpecException {
    Trainer trainer = new Trainer(Specs.compile(spec));
    trainer.step(xs, ds);
    return trainer.parameterValues();
  }

  /** save and load carry a^l with the weights, and a trainer whose activation learns nothing refuses the file. */
  @Test
  void saveAndLoadCarryTheActivationParameters() throws Exception {
    NetworkSpec spec = spec("Saved", SCALED_TANH, 4, "");
    GeneratedTrainer trained = GeneratedTrainer.of(spec);
    trained.call("step", trained.samples(Specs.uniformInputs(6, 3, 1)), trained.samples(Specs.uniformInputs(6, 2, 2)));
    java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
    trained.call("save", file, true);
    GeneratedTrainer loaded = trained.another();
    loaded.call("load", new java.io.ByteArrayInputStream(file.toByteArray()));
    assertArrayEquals(trained.parameterValues(), loaded.parameterValues());
    assertNotEquals(1.5, loaded.parameterValues()[spec.activationParameterOffset(1)], "a^1 moved and was saved");
    GeneratedTrainer fixed = GeneratedTrainer.of(spec("Saved", "layer %d f(u) = 1.5*Tanh(0.5*u)\n", 4, ""));
    assertThrows(java.io.IOException.class,
        () -> fixed.call("load", new java.io.ByteArrayInputStream(file.toByteArray())));
  }

  /** The saved file's digest tells a learned slope from a fixed one and counts the parameters. */
  @Test
  void theArchitectureDigestCoversTheActivationParameters() throws SpecException {
    byte[] prelu = spec("D", PRELU, 4, "").architectureDigest();
    byte[] leaky = spec("D", "layer %d leaky-relu(a=0.25)\n", 4, "").architectureDigest();
    byte[] scaled = spec("D", SCALED_TANH, 4, "").architectureDigest();
    byte[] oneParameter = spec("D", "layer %d f(u; a=1.5) = a*Tanh(0.5*u)\n", 4, "").architectureDigest();
    assertFalse(java.util.Arrays.equals(prelu, leaky));
    assertFalse(java.util.Arrays.equals(scaled, oneParameter));
    assertArrayEquals(prelu, spec("D", "layer %d prelu(a=0.1)\n", 4, "").architectureDigest(),
        "the initial value is not architecture");
  }
}
