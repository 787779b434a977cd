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
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.Precision;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PRODUCT.md §4: small layers are written as straight-line code. The unrolled statements sum in
 * the loops' order, so a trainer trains to the same numbers either way; this compares each spec's
 * trainer with one generated with every layer looped.
 */
class UnrollTest {

  static Stream<Arguments> smallNetworks() throws SpecException {
    return Stream.of(
        Arguments.of("seed-000 XOR", Specs.xor()),
        Arguments.of("tanh into sigmoid, binary cross-entropy", small("Binary", 3, 5)
            .layer(4, Activation.named(NamedActivation.TANH))
            .layer(2, Activation.named(NamedActivation.SIGMOID))
            .loss(Loss.named(NamedLoss.BINARY_CROSS_ENTROPY))
            .build()),
        Arguments.of("relu and softmax, no biases, adam", small("NoBias", 3, 6)
            .layer(5, Activation.named(NamedActivation.RELU), false)
            .layer(3, Activation.named(NamedActivation.SOFTMAX), false)
            .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
            .batch(BatchReduction.MEAN)
            .optimizer(new Optimizer.Adam(0.05, 0.9, 0.999, 1e-8, 0, false, true))
            .build()),
        Arguments.of("gelu and a custom loss (temporaries)", small("Custom", 2, 7)
            .layer(3, Activation.named(NamedActivation.GELU))
            .layer(3, Activation.custom("u/(1+u^2)"))
            .layer(1, Activation.named(NamedActivation.IDENTITY))
            .loss(Loss.custom("Log(Cosh(y - d))"))
            .build()),
        Arguments.of("float, tanh", small("SmallFloat", 3, 8)
            .layer(4, Activation.named(NamedActivation.TANH))
            .layer(2, Activation.named(NamedActivation.IDENTITY))
            .loss(Loss.named(NamedLoss.MSE))
            .optimizer(new Optimizer.Sgd(0.05, 0.9, 0, true, 0, true))
            .precision(Precision.FLOAT)
            .build()));
  }

  /** A small test network whose weights start from N(0, 0.7²), drawn with {@code seed}. */
  private static NetworkSpec.Builder small(String name, int inputs, long seed) {
    return Specs.network(name, inputs).initializer(new Initializer.Normal(seed, 0.7));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smallNetworks")
  void unrolledAndLoopedTrainersTrainToTheSameNumbers(String name, NetworkSpec spec) throws SpecException {
    String unrolledSource = TrainerGenerator.generate(Specs.derive(spec)).toString();
    assertFalse(Specs.methodBody(unrolledSource, "void forward(").contains("zi * w[row + j]"),
        "the weighted sums are unrolled:\n" + unrolledSource);
    assertFalse(Specs.methodBody(unrolledSource, "void backpropagate(").contains("zi * delta"),
        "the weight gradients are unrolled:\n" + unrolledSource);
    Trainer unrolled = new Trainer(Specs.compile(spec));
    Trainer looped = new Trainer(InMemoryCompiler.compile(TrainerGenerator.generate(Specs.derive(spec), 0)));
    double[][] xs = Specs.uniformInputs(6, spec.inputs(), 11);
    double[][] ds = Specs.oneHotTargets(6, spec.outputs());

    Specs.assertSameSteps("looped", looped, "unrolled", unrolled, xs, ds, 30);
  }

  @Test
  void layersUpToTheLimitAreUnrolledAndLargerOnesLooped() throws SpecException {
    // Layer 1 has (7 + 1) × 8 = 64 parameters, layer 2 (8 + 1) × 8 = 72.
    NetworkSpec spec = Specs.network("AtTheLimit", 7)
        .layer(8, Activation.named(NamedActivation.TANH))
        .layer(8, Activation.named(NamedActivation.TANH))
        .build();
    assertEquals(TrainerGenerator.UNROLL_LIMIT, spec.weightRows(1) * spec.units(1));

    String forward = Specs.methodBody(Specs.generate(spec).toString(), "void forward(");

    assertTrue(forward.contains("u1[7] = w[W1 + 7] + x[0] * w[W1 + 15]"), forward);
    assertTrue(forward.contains("u2[j] += zi * w[row + j];"), forward);
    assertFalse(forward.contains("u1[j]"), forward);
  }
}
