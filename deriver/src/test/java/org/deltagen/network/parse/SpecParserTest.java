package org.deltagen.network.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.Layer;
import org.deltagen.network.LearnedParameter;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Norm;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Precision;
import org.deltagen.network.Schedule;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Specs that parse: the examples of PRODUCT.md §2, layout freedom, defaults and options. */
class SpecParserTest {
  /** The seed-000 spec, exactly as PRODUCT.md §2 gives it. */
  static final String XOR =
      """
      # seed 000: XOR with a 2-2-1 sigmoid network
      network Xor                      # generated class name (a valid Java identifier)
      package com.example.xor          # optional
      input 2                          # n_0; z^0_0 = 1 is implicit
      layer 2 sigmoid                  # n_1 = 2, f_1 = sigmoid
      layer 1 sigmoid
      loss (y - d)^2                   # per output unit; E = Σ_j of it. Named losses too (below)
      batch sum                        # sum | mean: how per-sample errors combine
      optimizer sgd lr=0.1
      init normal seed=0               # or xavier | he | uniform | zeros, with seed=…
      """;

  static final String SOFTSIGN =
      """
      network Softsign
      input 3
      layer 5 f(u) = u/(1+Abs(u)) bias=false   # any differentiable expression of u
      layer 3 tanh
      loss half-sse
      batch mean
      precision double
      """;

  @Test
  void parsesTheXorSpecOfTheProductDescription() throws SpecException {
    NetworkSpec spec = SpecParser.parse("xor.nn", XOR);

    assertEquals("xor.nn", spec.source());
    assertEquals("Xor", spec.name());
    assertEquals("com.example.xor", spec.packageName());
    assertEquals(2, spec.inputs());
    assertEquals(2, spec.depth());
    assertLayer(spec.layer(1), 2, "sigmoid", true);
    assertLayer(spec.layer(2), 1, "sigmoid", true);
    assertEquals(new SourceLocation("xor.nn", 5, 1), spec.layer(1).location());
    assertTrue(spec.loss().isCustom());
    assertEquals("(y - d)^2", spec.loss().name());
    assertEquals(new SourceLocation("xor.nn", 7, 6), spec.loss().perOutput().location());
    assertEquals(BatchReduction.SUM, spec.batch());
    assertEquals(new Optimizer.Sgd(0.1), spec.optimizer());
    assertEquals(new Initializer.Normal(0, 1.0), spec.initializer());
    assertEquals(9, spec.parameterCount());
    assertEquals(6, spec.weightOffset(2));
  }

  @Test
  void parsesACustomActivationWithoutBiasAndANamedLoss() throws SpecException {
    NetworkSpec spec = SpecParser.parse("softsign.nn", SOFTSIGN);

    assertEquals("Softsign", spec.name());
    assertEquals("", spec.packageName());
    Activation custom = spec.layer(1).activation();
    assertTrue(custom.isCustom());
    assertEquals("f(u) = u/(1+Abs(u))", custom.name());
    assertEquals("u/(1+Abs(u))", custom.definition().text());
    assertEquals(new SourceLocation("softsign.nn", 3, 16), custom.definition().location());
    assertFalse(spec.layer(1).bias());
    assertLayer(spec.layer(2), 3, "tanh", true);
    assertFalse(spec.loss().isCustom());
    assertEquals("half-sse", spec.loss().name());
    assertEquals(BatchReduction.MEAN, spec.batch());
    // Layer 1 has no bias row: 3 × 5; layer 2: (5 + 1) × 3.
    assertEquals(15 + 18, spec.parameterCount());
    assertEquals(15, spec.weightOffset(2));
  }

  /** PRODUCT.md §2b, 3: prelu's slope and the parameters after ';' are learned; swish is silu. */
  @Test
  void parsesLearnableActivationParametersAndSwish() throws SpecException {
    NetworkSpec spec = SpecParser.parse("learn.nn", "network Learn\ninput 3\n"
        + "layer 4 f(u; a=1, b=0.5) = a*Tanh(b*u) bias=false\n"
        + "layer 5 prelu(a=0.1)\nlayer 3 leaky-relu(a=0.2)\nlayer 2 swish\nloss sse\n");
    Activation custom = spec.layer(1).activation();
    assertEquals(List.of(new LearnedParameter("a", 1), new LearnedParameter("b", 0.5)), custom.learned());
    assertEquals("f(u; a=1, b=0.5) = a*Tanh(b*u)", custom.name());
    assertFalse(spec.layer(1).bias());
    assertTrue(custom.definition().tree().toString().contains("b"), "b stays a symbol of f");
    assertEquals(List.of(new LearnedParameter("a", 0.1)), spec.layer(2).activation().learned());
    assertEquals("prelu(a=0.1)", spec.layer(2).activation().name());
    assertEquals(List.of(), spec.layer(3).activation().learned(), "leaky-relu's a is a constant");
    assertEquals(NamedActivation.SILU, spec.layer(4).activation().rule());
    assertEquals(3 * 4 + 2, spec.activationParameterOffset(1) + 2);
    assertEquals(spec.weightOffset(2) + 5 * 5, spec.activationParameterOffset(2));
    assertEquals(14 + 26 + 18 + 8, spec.parameterCount());
    Activation spaced = SpecParser.parse("spaced.nn", "network Spaced\ninput 3\n"
        + "layer 4 f( u ;a = 1 ,b=0.5 ) = a*Tanh(b*u)\nlayer 2 identity\nloss sse\n").layer(1).activation();
    assertEquals(custom.learned(), spaced.learned());
    assertEquals(custom.name(), spaced.name());
  }

  @Test
  void parsesSkipsAfterNamedAndCustomActivationsAsTheBuilderMakesThem() throws SpecException {
    NetworkSpec spec = SpecParser.parse("res.nn", """
        network Res
        input 3
        layer 3 tanh skip=0
        layer 3 f(u) = u/(1+Abs(u)) skip=1 bias=false
        layer 3 relu bias=false skip=1
        layer 1 identity
        loss half-sse
        """);

    assertEquals(0, spec.layer(1).skip().from());
    assertEquals(new SourceLocation("res.nn", 3, 19), spec.layer(1).skip().location());
    assertEquals("u/(1+Abs(u))", spec.layer(2).activation().definition().text());
    assertEquals(1, spec.layer(2).skip().from());
    assertFalse(spec.layer(2).bias());
    assertEquals(1, spec.layer(3).skip().from());
    assertFalse(spec.layer(4).hasSkip());
    assertEquals(java.util.List.of(2, 3), spec.skipsFrom(1));
    assertEquals(java.util.List.of(1), spec.skipsFrom(0));
    NetworkSpec built = NetworkSpec.builder().name("Res").inputs(3)
        .layer(3, Activation.named(org.deltagen.network.NamedActivation.TANH)).skip(0)
        .layer(1, Activation.named(org.deltagen.network.NamedActivation.IDENTITY))
        .loss(org.deltagen.network.Loss.named(org.deltagen.network.NamedLoss.HALF_SSE)).build();
    assertEquals(0, built.layer(1).skip().from());
  }

  @Test
  void aSkipChangesTheArchitectureDigestAndWhereItComesFromToo() throws SpecException {
    String plain = "network Res\ninput 3\nlayer 3 tanh\nlayer 3 tanh\nlayer 1 identity\nloss sse\n";
    byte[] none = SpecParser.parse("a.nn", plain).architectureDigest();
    byte[] fromInput = SpecParser.parse("a.nn", plain.replace("3 tanh\nlayer 1", "3 tanh skip=0\nlayer 1"))
        .architectureDigest();
    byte[] fromFirst = SpecParser.parse("a.nn", plain.replace("3 tanh\nlayer 1", "3 tanh skip=1\nlayer 1"))
        .architectureDigest();

    assertFalse(java.util.Arrays.equals(none, fromInput));
    assertFalse(java.util.Arrays.equals(fromInput, fromFirst));
  }

  @Test
  void parsesDropoutsAsTheBuilderMakesThemAndZeroDropsNothing() throws SpecException {
    NetworkSpec spec = SpecParser.parse("drop.nn", """
        network Drop
        input 3
        layer 4 tanh dropout=0.25
        layer 4 f(u) = u/(1+Abs(u)) dropout=0 skip=1
        layer 4 relu skip=1 dropout=0.5 norm=layer
        layer 1 identity
        loss half-sse
        """);

    assertEquals(0.25, spec.layer(1).dropout().p());
    assertEquals(new SourceLocation("drop.nn", 3, 22), spec.layer(1).dropout().location());
    assertTrue(spec.layer(1).hasDropout());
    assertEquals(0.0, spec.layer(2).dropout().p());
    assertFalse(spec.layer(2).hasDropout(), "p = 0 drops nothing");
    assertEquals(1, spec.layer(2).skip().from());
    assertEquals(0.5, spec.layer(3).dropout().p());
    assertTrue(spec.layer(3).hasNorm());
    assertFalse(spec.layer(4).hasDropout());
    NetworkSpec built = NetworkSpec.builder().name("Drop").inputs(3)
        .layer(4, Activation.named(org.deltagen.network.NamedActivation.TANH)).dropout(0.25)
        .layer(1, Activation.named(org.deltagen.network.NamedActivation.IDENTITY))
        .loss(org.deltagen.network.Loss.named(org.deltagen.network.NamedLoss.HALF_SSE)).build();
    assertEquals(0.25, built.layer(1).dropout().p());
    assertThrows(SpecException.class, () -> NetworkSpec.builder().name("Drop").inputs(3)
        .layer(4, Activation.named(org.deltagen.network.NamedActivation.TANH)).dropout(Double.NaN)
        .layer(1, Activation.named(org.deltagen.network.NamedActivation.IDENTITY))
        .loss(org.deltagen.network.Loss.named(org.deltagen.network.NamedLoss.HALF_SSE)).build());
  }

  @Test
  void dropoutLeavesTheArchitectureDigestAsItWasSoParameterFilesStillLoad() throws SpecException {
    String plain = "network Res\ninput 3\nlayer 4 tanh\nlayer 1 identity\nloss sse\n";
    byte[] none = SpecParser.parse("a.nn", plain).architectureDigest();
    byte[] dropped = SpecParser.parse("a.nn", plain.replace("4 tanh", "4 tanh dropout=0.5")).architectureDigest();

    assertTrue(java.util.Arrays.equals(none, dropped));
  }

  @Test
  void parsesNormsWithTheirEpsilonAndLaysOutBetaAndGammaAfterTheWeights() throws SpecException {
    NetworkSpec spec = SpecParser.parse("norm.nn", """
        network Norm
        input 3
        layer 4 tanh norm=layer
        layer 6 relu norm=group(g=3) eps=1e-3 bias=false
        layer 2 prelu(a=0.25) norm=layer
        layer 1 identity
        loss half-sse
        """);

    assertEquals(Norm.Kind.LAYER, spec.layer(1).norm().kind());
    assertEquals(1e-5, spec.layer(1).norm().epsilon());
    assertEquals(new SourceLocation("norm.nn", 3, 19), spec.layer(1).norm().location());
    assertEquals(3, spec.layer(2).norm().groups());
    assertEquals(2, spec.layer(2).norm().groupSize(6));
    assertEquals(1e-3, spec.layer(2).norm().epsilon());
    assertEquals(16, spec.normOffset(1), "after the 4 × 4 weights");
    assertEquals(16 + 8, spec.weightOffset(2));
    assertEquals(24 + 4 * 6, spec.normOffset(2), "no bias row: n_1 = 4 rows");
    assertEquals(48 + 12 + 7 * 2, spec.normOffset(3));
    assertEquals(74 + 4, spec.activationParameterOffset(3), "the activation's a^3 after β^3 and γ^3");
    assertEquals(79 + 3, spec.parameterCount());
    NetworkSpec built = NetworkSpec.builder().name("Norm").inputs(3)
        .layer(4, Activation.named(org.deltagen.network.NamedActivation.TANH)).norm(Norm.layer())
        .layer(1, Activation.named(org.deltagen.network.NamedActivation.IDENTITY))
        .loss(org.deltagen.network.Loss.named(org.deltagen.network.NamedLoss.HALF_SSE)).build();
    assertEquals(16 + 8 + 5, built.parameterCount());
  }

  @Test
  void aNormChangesTheArchitectureDigestAndSoDoItsGroupsAndEpsilon() throws SpecException {
    String plain = "network Res\ninput 3\nlayer 4 tanh\nlayer 1 identity\nloss sse\n";
    java.util.List<byte[]> digests = new java.util.ArrayList<>();
    for (String norm : new String[] {"", " norm=layer", " norm=group(g=2)", " norm=group(g=4)", " norm=layer eps=1e-3"}) {
      digests.add(SpecParser.parse("a.nn", plain.replace("4 tanh", "4 tanh" + norm)).architectureDigest());
    }
    for (int a = 0; a < digests.size(); a++) {
      for (int b = a + 1; b < digests.size(); b++) {
        assertFalse(java.util.Arrays.equals(digests.get(a), digests.get(b)), a + " and " + b);
      }
    }
  }

  @Test
  void acceptsCommentsBlankLinesTabsAndWindowsLineEndings() throws SpecException {
    String text =
        "\uFEFF# a comment first\r\n"
            + "\r\n"
            + "   # an indented comment\r\n"
            + "network\tXor#comment without a blank\r\n"
            + "\t\r\n"
            + "input   2  \r\n"
            + "layer 2 sigmoid # trailing\r\n"
            + "\n"
            + "layer 1 sigmoid\r"
            + "loss (y - d)^2#tight\n"
            + "#\n";
    NetworkSpec spec = SpecParser.parse("xor.nn", text);

    assertEquals("Xor", spec.name());
    assertEquals(2, spec.inputs());
    assertEquals(2, spec.depth());
    assertEquals("(y - d)^2", spec.loss().name());
    assertEquals(new SourceLocation("xor.nn", 7, 1), spec.layer(1).location());
    assertEquals(new SourceLocation("xor.nn", 10, 6), spec.loss().perOutput().location());
  }

  @Test
  void leavesOutOptionalStatementsAtTheirDefaults() throws SpecException {
    NetworkSpec spec =
        SpecParser.parse("tiny.nn", "network Tiny\ninput 1\nlayer 1 identity\nloss sse\n");

    assertEquals("", spec.packageName());
    assertEquals(BatchReduction.MEAN, spec.batch());
    assertEquals(new Optimizer.Sgd(0.01), spec.optimizer());
    assertEquals(new Initializer.Normal(0, 1.0), spec.initializer());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "f(u)=u/(1+u^2)",
        "f( u ) = u/(1+u^2)",
        "f (u)= u/(1+u^2)",
        "f(u)\t=\tu/(1+u^2)   ",
      })
  void allowsAnySpacingInACustomActivation(String activation) throws SpecException {
    NetworkSpec spec = parseLayer(activation);

    assertEquals("u/(1+u^2)", spec.layer(1).activation().definition().text());
    assertTrue(spec.layer(1).bias());
  }

  @Test
  void readsTheBiasOptionAfterACustomActivationWrittenWithoutBlanks() throws SpecException {
    NetworkSpec spec = parseLayer("f(u)=u^3 bias=false");

    assertEquals("u^3", spec.layer(1).activation().definition().text());
    assertFalse(spec.layer(1).bias());
  }

  @Test
  void keepsBlanksInsideACustomActivation() throws SpecException {
    NetworkSpec spec = parseLayer("f(u) = Piecewise({{u, u >= 0}}, 0.01*u) bias=true");

    assertEquals(
        "Piecewise({{u, u >= 0}}, 0.01*u)", spec.layer(1).activation().definition().text());
    assertTrue(spec.layer(1).bias());
  }

  @ParameterizedTest
  @ValueSource(strings = {"identity", "sigmoid", "tanh", "relu"})
  void knowsEveryNamedActivationOfThisVersion(String name) throws SpecException {
    NetworkSpec spec = parseLayer(name + " bias=false");

    assertLayer(spec.layer(1), 4, name, false);
  }

  @Test
  void readsTheBiasOptionOfANamedActivation() throws SpecException {
    assertTrue(parseLayer("tanh bias=true").layer(1).bias());
    assertFalse(parseLayer("tanh bias=false").layer(1).bias());
  }

  @ParameterizedTest
  @ValueSource(strings = {"y - d", "y-d", "d-y", "(y - d)^2/2", "Abs(y - d)", "y"})
  void readsExpressionsAsCustomLosses(String loss) throws SpecException {
    NetworkSpec spec = parseLoss(loss);

    assertTrue(spec.loss().isCustom());
    assertEquals(loss, spec.loss().perOutput().text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"half-sse", "sse", "mse"})
  void readsASingleWordAsANamedLoss(String loss) throws SpecException {
    NetworkSpec spec = parseLoss(loss);

    assertFalse(spec.loss().isCustom());
    assertEquals(loss, spec.loss().name());
  }

  @Test
  void readsTheOptionsOfTheOptimizerAndTheInitializer() throws SpecException {
    NetworkSpec spec =
        SpecParser.parse(
            "xor.nn",
            XOR.replace("optimizer sgd lr=0.1", "optimizer sgd lr=2.5e-3")
                .replace("init normal seed=0 ", "init normal std=0.5 seed=-42"));

    assertEquals(new Optimizer.Sgd(0.0025), spec.optimizer());
    assertEquals(new Initializer.Normal(-42, 0.5), spec.initializer());
  }

  @Test
  void readsSchedulesWarmUpAndPrecision() throws SpecException {
    assertEquals(new Schedule.Step(30, 0.5), withLine("schedule step size=30 gamma=0.5").schedule());
    assertEquals(new Schedule.Step(7, 0.1), withLine("schedule step size=7").schedule());
    assertEquals(new Schedule.Exponential(0.95), withLine("schedule exponential gamma=0.95").schedule());
    assertEquals(new Schedule.Cosine(100, 1e-4), withLine("schedule cosine period=100 min-lr=1e-4").schedule());
    assertEquals(new Schedule.Cosine(100, 0), withLine("schedule cosine period=100").schedule());
    NetworkSpec constant = withLine("schedule constant");
    assertEquals(new Schedule.Constant(), constant.schedule());
    assertFalse(constant.scheduled());
    NetworkSpec warm = withLine("warmup epochs=5 start=0.1");
    assertEquals(new Schedule.Warmup(5, 0.1), warm.warmup());
    assertTrue(warm.scheduled());
    assertEquals(Schedule.Warmup.DEFAULT_START_FACTOR, withLine("warmup epochs=3").warmup().startFactor());
    assertEquals(Precision.FLOAT, withLine("precision float").precision());
    NetworkSpec xor = SpecParser.parse("xor.nn", XOR);
    assertEquals(Precision.DOUBLE, xor.precision());
    assertEquals(new Schedule.Constant(), xor.schedule());
    assertTrue(xor.warmup().isNone());
  }

  private static NetworkSpec withLine(String line) throws SpecException {
    return SpecParser.parse("xor.nn", XOR + line + "\n");
  }

  @Test
  void readsTheZerosInitializer() throws SpecException {
    NetworkSpec spec = SpecParser.parse("xor.nn", XOR.replace("init normal seed=0", "init zeros"));

    assertInstanceOf(Initializer.Zeros.class, spec.initializer());
  }

  @Test
  void explicitParametersReplaceTheInitStatement() throws SpecException {
    Initializer.Explicit parameters = new Initializer.Explicit(new double[9], "xor.params");

    NetworkSpec spec =
        SpecParser.parse("xor.nn", XOR, parameters, new SourceLocation("xor.params", 1, 1));

    Initializer.Explicit initializer =
        assertInstanceOf(Initializer.Explicit.class, spec.initializer());
    assertEquals(parameters, initializer);
    assertEquals("xor.params", initializer.source());
  }

  @Test
  void namesAFileByItsFileName(@TempDir Path directory) throws IOException, SpecException {
    Path file = directory.resolve("xor.nn");
    Files.writeString(file, XOR.replace("input 2 ", "input 0 "));

    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(file));

    assertEquals(new SourceLocation("xor.nn", 4, 7), e.diagnostics().get(0).location());
    Files.writeString(file, XOR);
    assertEquals("xor.nn", SpecParser.parse(file).source());
  }

  @Test
  void letsAFileThatCannotBeReadFailWithItsIoException(@TempDir Path directory) {
    assertThrows(NoSuchFileException.class, () -> SpecParser.parse(directory.resolve("none.nn")));
  }

  private static NetworkSpec parseLayer(String activation) throws SpecException {
    return SpecParser.parse(
        "layer.nn", "network Net\ninput 2\nlayer 4 " + activation + "\nloss half-sse\n");
  }

  private static NetworkSpec parseLoss(String loss) throws SpecException {
    return SpecParser.parse(
        "loss.nn", "network Net\ninput 2\nlayer 1 sigmoid\nloss " + loss + "\n");
  }

  private static void assertLayer(Layer layer, int units, String activation, boolean bias) {
    assertEquals(units, layer.units());
    assertEquals(activation, layer.activation().name());
    assertFalse(layer.activation().isCustom());
    assertEquals(bias, layer.bias());
  }
}
