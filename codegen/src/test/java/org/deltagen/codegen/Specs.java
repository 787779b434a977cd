package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import java.nio.file.Path;
import java.util.Locale;
import org.deltagen.derive.Derivation;
import org.deltagen.derive.Deriver;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecFiles;

/** Specs the codegen tests share, and one deriver for the whole test JVM. */
final class Specs {
  static final Deriver DERIVER = new Deriver();

  /** The seed-000 weights, in deltagen's layout: per layer the bias row, then one row per input. */
  static final double[] SEED_000_PARAMETERS = {
    0, 0,
    1.764052345967664, 0.4001572083672233,
    0.9787379841057392, 2.240893199201458,
    0,
    1.8675579901499675,
    -0.977277879876411,
  };

  private Specs() {}

  static NetworkSpec xor() throws SpecException {
    return NetworkSpec.builder()
        .source("xor.nn")
        .name("Xor")
        .packageName("com.example.xor")
        .inputs(2)
        .layer(2, Activation.named(NamedActivation.SIGMOID))
        .layer(1, Activation.named(NamedActivation.SIGMOID))
        .loss(Loss.custom("(y - d)^2"))
        .batch(BatchReduction.SUM)
        .optimizer(new Optimizer.Sgd(0.1))
        .initializer(new Initializer.Explicit(SEED_000_PARAMETERS, "seed 000"))
        .build();
  }

  /** A spec file as the plugin reads it: with NAME.params beside it, its initial parameters. */
  static NetworkSpec read(Path file) throws SpecException {
    return SpecFiles.beside(file, file.getFileName().toString()).read();
  }

  static Derivation derive(NetworkSpec spec) throws SpecException {
    return DERIVER.derive(spec);
  }

  /** The trainer source for {@code spec}: derived, then generated. */
  static JavaFile generate(NetworkSpec spec) throws SpecException {
    return TrainerGenerator.generate(derive(spec));
  }

  /** The trainer class for {@code spec}, compiled in memory and loaded. */
  static Class<?> compile(NetworkSpec spec) throws SpecException {
    return InMemoryCompiler.compile(generate(spec));
  }

  /** {@code count} inputs of {@code size} values, uniform in [−1, 1), from {@code new Random(seed)}. */
  static double[][] uniformInputs(int count, int size, long seed) {
    java.util.Random random = new java.util.Random(seed);
    double[][] xs = new double[count][size];
    for (double[] x : xs) {
      for (int i = 0; i < x.length; i++) {
        x[i] = 2 * random.nextDouble() - 1;
      }
    }
    return xs;
  }

  /** One-hot targets of {@code outputs} classes: sample s is of class s mod {@code outputs}. */
  static double[][] oneHotTargets(int count, int outputs) {
    double[][] ds = new double[count][outputs];
    for (int s = 0; s < count; s++) {
      ds[s][s % outputs] = 1;
    }
    return ds;
  }

  /**
   * Asserts that two trainers of one spec, generated two ways, ended with the same parameters. ==
   * rather than bits: an unrolled sum starts from its first term, not from 0.0, which can only turn
   * a −0.0 into 0.0.
   */
  static void assertSameParameters(String expectedWay, double[] expected, String actualWay, double[] actual) {
    assertEquals(expected.length, actual.length, "parameter count");
    for (int p = 0; p < expected.length; p++) {
      assertTrue(expected[p] == actual[p],
          "w_" + p + ": " + expectedWay + " " + expected[p] + ", " + actualWay + " " + actual[p]);
    }
  }

  /**
   * Asserts that two trainers of one spec, generated two ways, give the same batch error at each of
   * {@code steps} steps over {@code xs} and {@code ds}, and end with the same parameters.
   */
  static void assertSameSteps(String expectedWay, Trainer expected, String actualWay, Trainer actual,
      double[][] xs, double[][] ds, int steps) {
    for (int step = 0; step < steps; step++) {
      assertEquals(expected.step(xs, ds), actual.step(xs, ds), 0.0, "batch error before step " + step);
    }
    assertSameParameters(expectedWay, expected.parameterValues(), actualWay, actual.parameterValues());
  }

  /** The text of the method whose declaration contains {@code signature}, to its closing brace. */
  static String methodBody(String source, String signature) {
    int start = source.indexOf(signature);
    assertTrue(start >= 0, signature + " in\n" + source);
    return source.substring(start, source.indexOf("\n  }\n", start));
  }

  /** A regression net: one hidden layer with {@code activation}, then an identity output layer. */
  static NetworkSpec regression(String name, int inputs, int hidden, NamedActivation activation, int outputs)
      throws SpecException {
    return network(name, inputs)
        .layer(hidden, Activation.named(activation))
        .layer(outputs, Activation.named(NamedActivation.IDENTITY))
        .build();
  }

  /** A builder with the parts every test spec needs; tests add layers and override the rest. */
  static NetworkSpec.Builder network(String name, int inputs) {
    return NetworkSpec.builder()
        .source(name.toLowerCase(Locale.ROOT) + ".nn")
        .name(name)
        .packageName("org.deltagen.test")
        .inputs(inputs)
        .loss(Loss.named(NamedLoss.HALF_SSE))
        .batch(BatchReduction.SUM)
        .optimizer(new Optimizer.Sgd(0.1))
        .initializer(new Initializer.Zeros());
  }
}
