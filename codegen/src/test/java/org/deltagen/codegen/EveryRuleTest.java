package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
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
 * Every activation and every loss of the rule tables, through the whole pipeline, in both
 * precisions: each table entry's derivative is derived, turned into Java and checked, at 1e-7 for
 * double and {@link GradientCheck#FLOAT_TOLERANCE} for float.
 */
class EveryRuleTest {

  static Stream<Arguments> everyActivation() {
    List<Arguments> cases = new ArrayList<>();
    for (Precision precision : Precision.values()) {
      for (NamedActivation activation : NamedActivation.values()) {
        if (!activation.normalized()) {
          cases.add(Arguments.of(activation.keyword(), precision, hiddenLayerNet(Activation.named(activation), precision)));
        }
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> everyLoss() throws SpecException {
    List<Arguments> cases = new ArrayList<>();
    for (Precision precision : Precision.values()) {
      cases.add(Arguments.of("half-sse", precision,
          outputNet(NamedActivation.TANH, Loss.named(NamedLoss.HALF_SSE), 2, precision)));
      cases.add(Arguments.of("sse", precision, outputNet(NamedActivation.IDENTITY, Loss.named(NamedLoss.SSE), 3, precision)));
      cases.add(Arguments.of("mse", precision, outputNet(NamedActivation.SIGMOID, Loss.named(NamedLoss.MSE), 3, precision)));
      cases.add(Arguments.of("cross-entropy", precision,
          outputNet(NamedActivation.SOFTMAX, Loss.named(NamedLoss.CROSS_ENTROPY), 4, precision)));
      cases.add(Arguments.of("binary-cross-entropy", precision,
          outputNet(NamedActivation.SIGMOID, Loss.named(NamedLoss.BINARY_CROSS_ENTROPY), 2, precision)));
      cases.add(Arguments.of("huber", precision,
          outputNet(NamedActivation.IDENTITY, Loss.named(NamedLoss.HUBER), 2, precision)));
      cases.add(Arguments.of("softmax with sse (Jacobian product)", precision,
          outputNet(NamedActivation.SOFTMAX, Loss.named(NamedLoss.SSE), 3, precision)));
      cases.add(Arguments.of("custom loss", precision,
          outputNet(NamedActivation.TANH, Loss.custom("Log(Cosh(y - d))"), 2, precision)));
      cases.add(Arguments.of("custom activation and loss", precision,
          Specs.network("Custom", 3)
              .layer(4, Activation.custom("u/(1+u^2)"))
              .layer(2, Activation.custom("u + u^3/3"))
              .loss(Loss.custom("(y - d)^4/4"))
              .precision(precision)
              .build()));
    }
    return cases.stream();
  }

  static Stream<Arguments> everyDepth() throws SpecException {
    List<Arguments> cases = new ArrayList<>();
    for (Precision precision : Precision.values()) {
      for (int depth = 1; depth <= 5; depth++) {
        NetworkSpec.Builder builder = Specs.network("Deep" + depth, 3);
        for (int l = 1; l < depth; l++) {
          builder.layer(3 + l % 2, Activation.named(l % 2 == 0 ? NamedActivation.TANH : NamedActivation.SILU));
        }
        builder.layer(2, Activation.named(NamedActivation.SOFTMAX))
            .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
            .batch(depth % 2 == 0 ? BatchReduction.SUM : BatchReduction.MEAN)
            .precision(precision);
        cases.add(Arguments.of(depth, precision, builder.build()));
      }
    }
    return cases.stream();
  }

  /**
   * Skips in every layout: unrolled (small), flat loops, and rows copied out to slots (64 units),
   * from the input and between hidden layers, tanh with a skip (f' read from u) among them.
   */
  static Stream<Arguments> everySkip() throws SpecException {
    Activation tanh = Activation.named(NamedActivation.TANH);
    List<Arguments> cases = new ArrayList<>();
    for (Precision precision : Precision.values()) {
      cases.add(Arguments.of("from the input, unrolled", precision, Specs.network("InputSkip", 4)
          .layer(4, tanh).skip(0).layer(4, Activation.named(NamedActivation.SIGMOID)).skip(0)
          .layer(1, Activation.named(NamedActivation.SIGMOID)).loss(Loss.named(NamedLoss.BINARY_CROSS_ENTROPY))
          .precision(precision).build()));
      cases.add(Arguments.of("onto a skip, unrolled", precision, Specs.network("Residual", 3)
          .layer(4, tanh).layer(4, tanh).skip(1).layer(4, Activation.named(NamedActivation.SOFTPLUS)).skip(2)
          .layer(2, Activation.named(NamedActivation.IDENTITY)).loss(Loss.named(NamedLoss.HALF_SSE))
          .precision(precision).build()));
      cases.add(Arguments.of("two from one layer, looped", precision, Specs.network("Flat", 3)
          .layer(9, tanh).layer(9, Activation.named(NamedActivation.SOFTSIGN)).skip(1).layer(9, tanh).skip(1)
          .layer(2, Activation.named(NamedActivation.IDENTITY)).loss(Loss.named(NamedLoss.MSE))
          .precision(precision).build()));
      cases.add(Arguments.of("rows copied to slots", precision, Specs.network("Wide", 4)
          .layer(64, tanh).layer(64, tanh).skip(1).layer(3, Activation.named(NamedActivation.SOFTMAX))
          .loss(Loss.named(NamedLoss.CROSS_ENTROPY)).precision(precision).build()));
    }
    return cases.stream();
  }

  /** Layer and group norms, with and without a bias, a skip or a learnable activation, in every layout. */
  static Stream<Arguments> everyNorm() throws SpecException {
    Activation tanh = Activation.named(NamedActivation.TANH);
    Activation identity = Activation.named(NamedActivation.IDENTITY);
    List<Arguments> cases = new ArrayList<>();
    for (Precision precision : Precision.values()) {
      cases.add(Arguments.of("layer and group, unrolled", precision, Specs.network("Norms", 3)
          .layer(4, tanh).norm(Norm.layer()).layer(6, Activation.named(NamedActivation.SOFTPLUS)).norm(Norm.group(2))
          .layer(2, identity).loss(Loss.named(NamedLoss.HALF_SSE)).precision(precision).build()));
      cases.add(Arguments.of("group without bias, skip, prelu, looped", precision, Specs.network("NormSkip", 9)
          .layer(new Layer(9, Activation.named(NamedActivation.PRELU), false, SourceLocation.builder("layer")))
          .norm(Norm.group(3)).skip(0).layer(9, tanh).norm(Norm.layer()).skip(1)
          .layer(3, Activation.named(NamedActivation.SOFTMAX)).loss(Loss.named(NamedLoss.CROSS_ENTROPY))
          .precision(precision).build()));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("everyNorm")
  void everyNormPassesTheGradientCheck(String name, Precision precision, NetworkSpec spec) throws SpecException {
    assertPasses(spec);
  }

  /** Two 64-unit normalized layers, the second with a skip: rows copied to slots. */
  private static NetworkSpec wideNorms(Precision precision) throws SpecException {
    Activation tanh = Activation.named(NamedActivation.TANH);
    return Specs.network("WideNorm", 4).layer(64, tanh).norm(Norm.group(8)).layer(64, tanh).norm(Norm.layer())
        .skip(1).layer(3, Activation.named(NamedActivation.SOFTMAX)).loss(Loss.named(NamedLoss.CROSS_ENTROPY))
        .precision(precision).build();
  }

  @Test
  void wideNormsPassTheGradientCheck() throws SpecException {
    assertPasses(wideNorms(Precision.DOUBLE));
  }

  /**
   * In float, a finite difference of E across two 64-unit norms is noisier than the float
   * tolerance (3e-3 measured, with the float analytic gradient within 7e-6 of the double one), so
   * the float trainer's backward is held to its double twin's, which the check above passed.
   */
  @Test
  void wideFloatNormsFollowTheirDoubleTwin() throws SpecException {
    Trainer twin = new Trainer(Specs.compile(wideNorms(Precision.DOUBLE)));
    Trainer single = new Trainer(Specs.compile(wideNorms(Precision.FLOAT)));
    SplittableRandom random = new SplittableRandom(3);
    for (int p = 0; p < twin.parameterCount(); p++) {
      double value = (float) random.nextDouble(-1, 1);
      twin.setParameter(p, value);
      single.setParameter(p, value);
    }
    double[] x = {0.3, -0.5, 0.25, 0.75};
    double[] d = {0, 1, 0};
    twin.zeroGradients();
    single.zeroGradients();
    twin.backward(x, d);
    single.backward(x, d);
    double[] expected = twin.gradientValues();
    double[] actual = single.gradientValues();
    double scale = Arrays.stream(expected).map(Math::abs).max().orElseThrow();
    for (int p = 0; p < expected.length; p++) {
      double error = Math.abs(expected[p] - actual[p]) / Math.max(Math.abs(expected[p]), 1e-2 * scale);
      assertTrue(error < 1e-4, "∂E/∂" + GradientCheck.parameterName(wideNorms(Precision.DOUBLE), p) + ": double "
          + expected[p] + ", float " + actual[p]);
    }
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("everySkip")
  void everySkipPassesTheGradientCheck(String name, Precision precision, NetworkSpec spec) throws SpecException {
    assertPasses(spec);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("everyActivation")
  void everyActivationPassesTheGradientCheck(String name, Precision precision, NetworkSpec spec)
      throws SpecException {
    assertPasses(spec);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("everyLoss")
  void everyLossPassesTheGradientCheck(String name, Precision precision, NetworkSpec spec) throws SpecException {
    assertPasses(spec);
  }

  @ParameterizedTest(name = "depth {0}, {1}")
  @MethodSource("everyDepth")
  void everyDepthPassesTheGradientCheck(int depth, Precision precision, NetworkSpec spec) throws SpecException {
    assertPasses(spec);
  }

  private static void assertPasses(NetworkSpec spec) throws SpecException {
    Trainer trainer = new Trainer(Specs.compile(spec));
    assertEquals(spec.precision() == Precision.FLOAT, trainer.isFloat(), "the trainer's element type");
    GradientCheck.Result result = new GradientCheck(spec).run(trainer, 11);
    assertTrue(result.passed(), result::toString);
  }

  private static NetworkSpec hiddenLayerNet(Activation activation, Precision precision) {
    try {
      return Specs.network("Hidden", 3).layer(4, activation).layer(2, Activation.named(NamedActivation.IDENTITY))
          .loss(Loss.named(NamedLoss.HALF_SSE)).precision(precision).build();
    } catch (SpecException e) {
      throw new IllegalStateException(e);
    }
  }

  private static NetworkSpec outputNet(NamedActivation output, Loss loss, int outputs, Precision precision)
      throws SpecException {
    return Specs.network("Output", 3)
        .layer(4, Activation.named(NamedActivation.TANH))
        .layer(outputs, Activation.named(output))
        .loss(loss)
        .precision(precision)
        .build();
  }
}
