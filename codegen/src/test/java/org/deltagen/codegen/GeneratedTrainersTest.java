package org.deltagen.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.palantir.javapoet.JavaFile;
import java.util.stream.Stream;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generates trainers for networks that together cover every depth from 1 to 4, every named
 * activation and loss, custom ones, both batch reductions, layers without bias and every
 * initializer; each must compile warning-free and pass the gradient check.
 */
class GeneratedTrainersTest {
  private static final double TOLERANCE = 1e-6;

  static Stream<Arguments> networks() throws SpecException {
    return Stream.of(
        // depth 1: identity, half-sse, sum, zeros
        network(
            Specs.network("Linear", 3)
                .layer(2, named(NamedActivation.IDENTITY))
                .initializer(new Initializer.Zeros())
                .build(),
            11L),
        // depth 2: sigmoid then tanh, sse, mean, normal
        network(
            Specs.network("SigmoidTanh", 2)
                .layer(3, named(NamedActivation.SIGMOID))
                .layer(1, named(NamedActivation.TANH))
                .loss(Loss.named(NamedLoss.SSE))
                .batch(BatchReduction.MEAN)
                .initializer(new Initializer.Normal(7, 0.5))
                .build(),
            12L),
        // depth 3: relu, a custom rational f without bias, identity; mse, sum.
        // ReLU has a kink at u = 0; seed 13 puts no u within the finite-difference stencil of it.
        network(
            Specs.network("ReluRational", 3)
                .layer(4, named(NamedActivation.RELU))
                .layer(3, Activation.custom("u/(1+u^2)"), false)
                .layer(2, named(NamedActivation.IDENTITY))
                .loss(Loss.named(NamedLoss.MSE))
                .initializer(new Initializer.Normal(123, 0.1))
                .build(),
            13L),
        // depth 4: tanh, softplus written by hand, sigmoid without bias, identity; (y-d)^4, mean,
        // explicit parameters
        network(deepSpec(), 14L),
        // depth 2: relu without bias, sigmoid; a log-cosh loss, mean, zeros.
        // Seed 15 keeps every ReLU input clear of the kink by more than the difference step.
        network(
            Specs.network("LogCosh", 4)
                .layer(5, named(NamedActivation.RELU), false)
                .layer(3, named(NamedActivation.SIGMOID))
                .loss(Loss.custom("Log(Cosh(y-d))"))
                .batch(BatchReduction.MEAN)
                .build(),
            15L),
        // depth 1 without bias: the seed-004 shape, widened
        network(
            Specs.network("NoBias", 2)
                .layer(3, named(NamedActivation.SIGMOID), false)
                .initializer(new Initializer.Normal(-5, 2.0))
                .build(),
            16L),
        // the seed-000 XOR network, explicit parameters and a custom squared loss
        network(Specs.xor(), 17L));
  }

  private static NetworkSpec deepSpec() throws SpecException {
    NetworkSpec.Builder builder =
        Specs.network("Deep", 2)
            .layer(3, named(NamedActivation.TANH))
            .layer(3, Activation.custom("Log(1+Exp(u))"))
            .layer(2, named(NamedActivation.SIGMOID), false)
            .layer(2, named(NamedActivation.IDENTITY))
            .loss(Loss.custom("(y-d)^4"))
            .batch(BatchReduction.MEAN);
    int count = builder.build().parameterCount();
    double[] parameters = new double[count];
    for (int p = 0; p < count; p++) {
      parameters[p] = 0.3 * Math.sin(p + 1);
    }
    return builder.initializer(new Initializer.Explicit(parameters, "a sine table")).build();
  }

  private static Activation named(NamedActivation activation) {
    return Activation.named(activation);
  }

  private static Arguments network(NetworkSpec spec, long seed) {
    return Arguments.of(Named.of(spec.name(), spec), seed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void compilesWithoutWarnings(NetworkSpec spec) throws SpecException {
    JavaFile file = Specs.generate(spec);
    Compilation compilation =
        Compiler.javac().withOptions("--release", "17", "-Xlint:all").compile(file.toJavaFileObject());
    assertThat(compilation).succeededWithoutWarnings();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void passesTheGradientCheck(NetworkSpec spec, long seed) throws SpecException {
    Trainer trainer = new Trainer(Specs.compile(spec));
    GradientCheck.Result result = new GradientCheck(spec, TOLERANCE).run(trainer, seed);
    assertTrue(result.passed(), result::toString);
  }
}
