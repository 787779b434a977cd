package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deltagen.spec.Activation;
import org.deltagen.spec.BatchReduction;
import org.deltagen.spec.Loss;
import org.deltagen.spec.NamedActivation;
import org.deltagen.spec.NamedLoss;
import org.deltagen.spec.NetworkSpec;
import org.deltagen.spec.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every activation and every loss of the rule tables, through the whole pipeline, at the default
 * tolerance of 1e-7: each table entry's derivative is derived, turned into Java and checked.
 */
class EveryRuleTest {

  static Stream<Arguments> everyActivation() {
    List<Arguments> cases = new ArrayList<>();
    for (NamedActivation activation : NamedActivation.values()) {
      if (!activation.normalized()) {
        cases.add(Arguments.of(activation.keyword(), hiddenLayerNet(Activation.named(activation))));
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> everyLoss() throws SpecException {
    return Stream.of(
        Arguments.of("half-sse", outputNet(NamedActivation.TANH, Loss.named(NamedLoss.HALF_SSE), 2)),
        Arguments.of("sse", outputNet(NamedActivation.IDENTITY, Loss.named(NamedLoss.SSE), 3)),
        Arguments.of("mse", outputNet(NamedActivation.SIGMOID, Loss.named(NamedLoss.MSE), 3)),
        Arguments.of("cross-entropy", outputNet(NamedActivation.SOFTMAX, Loss.named(NamedLoss.CROSS_ENTROPY), 4)),
        Arguments.of("binary-cross-entropy",
            outputNet(NamedActivation.SIGMOID, Loss.named(NamedLoss.BINARY_CROSS_ENTROPY), 2)),
        Arguments.of("huber", outputNet(NamedActivation.IDENTITY, Loss.named(NamedLoss.HUBER), 2)),
        Arguments.of("softmax with sse (Jacobian product)",
            outputNet(NamedActivation.SOFTMAX, Loss.named(NamedLoss.SSE), 3)),
        Arguments.of("custom loss", outputNet(NamedActivation.TANH, Loss.custom("Log(Cosh(y - d))"), 2)),
        Arguments.of("custom activation and loss",
            Specs.network("Custom", 3)
                .layer(4, Activation.custom("u/(1+u^2)"))
                .layer(2, Activation.custom("u + u^3/3"))
                .loss(Loss.custom("(y - d)^4/4"))
                .build()));
  }

  static Stream<Arguments> everyDepth() throws SpecException {
    List<Arguments> cases = new ArrayList<>();
    for (int depth = 1; depth <= 5; depth++) {
      NetworkSpec.Builder builder = Specs.network("Deep" + depth, 3);
      for (int l = 1; l < depth; l++) {
        builder.layer(3 + l % 2, Activation.named(l % 2 == 0 ? NamedActivation.TANH : NamedActivation.SILU));
      }
      builder.layer(2, Activation.named(NamedActivation.SOFTMAX))
          .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
          .batch(depth % 2 == 0 ? BatchReduction.SUM : BatchReduction.MEAN);
      cases.add(Arguments.of(depth, builder.build()));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyActivation")
  void everyActivationPassesTheGradientCheck(String name, NetworkSpec spec) throws SpecException {
    assertPasses(spec);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyLoss")
  void everyLossPassesTheGradientCheck(String name, NetworkSpec spec) throws SpecException {
    assertPasses(spec);
  }

  @ParameterizedTest(name = "depth {0}")
  @MethodSource("everyDepth")
  void everyDepthPassesTheGradientCheck(int depth, NetworkSpec spec) throws SpecException {
    assertPasses(spec);
  }

  private static void assertPasses(NetworkSpec spec) throws SpecException {
    GradientCheck.Result result = new GradientCheck(spec).run(new Trainer(Specs.compile(spec)), 11);
    assertTrue(result.passed(), result::toString);
  }

  private static NetworkSpec hiddenLayerNet(Activation activation) {
    try {
      return Specs.network("Hidden", 3).layer(4, activation).layer(2, Activation.named(NamedActivation.IDENTITY))
          .loss(Loss.named(NamedLoss.HALF_SSE)).build();
    } catch (SpecException e) {
      throw new IllegalStateException(e);
    }
  }

  private static NetworkSpec outputNet(NamedActivation output, Loss loss, int outputs) throws SpecException {
    return Specs.network("Output", 3)
        .layer(4, Activation.named(NamedActivation.TANH))
        .layer(outputs, Activation.named(output))
        .loss(loss)
        .build();
  }
}
