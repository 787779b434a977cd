package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.deltagen.network.Activation;
import org.deltagen.network.Initializer;
import org.deltagen.network.Initializer.Scaled.Scheme;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;

/**
 * Every initializer against the values its definition gives, drawn here independently from the
 * same seeded java.util.Random: weights layer by layer in parameter order, biases zero.
 */
class InitializerTest {

  private static NetworkSpec spec(Initializer initializer) throws SpecException {
    return Specs.network("Init", 5)
        .layer(4, Activation.named(NamedActivation.RELU))
        .layer(3, Activation.named(NamedActivation.TANH), false)
        .layer(2, Activation.named(NamedActivation.IDENTITY))
        .initializer(initializer)
        .build();
  }

  @Test
  void xavierUniformUsesTheGlorotBoundPerLayer() throws SpecException {
    assertInitialized(new Initializer.Scaled(Scheme.XAVIER, false, 9, 1.0), (random, in, out) ->
        () -> Math.sqrt(6.0 / (in + out)) * (2 * random.nextDouble() - 1));
  }

  @Test
  void xavierNormalUsesTheGlorotDeviationPerLayer() throws SpecException {
    assertInitialized(new Initializer.Scaled(Scheme.XAVIER, true, 9, 2.0), (random, in, out) ->
        () -> 2.0 * Math.sqrt(2.0 / (in + out)) * random.nextGaussian());
  }

  @Test
  void heUniformUsesTheKaimingBoundPerLayer() throws SpecException {
    assertInitialized(new Initializer.Scaled(Scheme.HE, false, 4, Math.sqrt(2)), (random, in, out) ->
        () -> Math.sqrt(6.0 / in) * (2 * random.nextDouble() - 1));
  }

  @Test
  void heNormalUsesTheKaimingDeviationPerLayer() throws SpecException {
    assertInitialized(new Initializer.Scaled(Scheme.HE, true, 4, Math.sqrt(2)), (random, in, out) ->
        () -> Math.sqrt(2.0 / in) * random.nextGaussian());
  }

  @Test
  void uniformAndNormalDrawFromTheirRanges() throws SpecException {
    assertInitialized(new Initializer.Uniform(1, -0.3, 0.2), (random, in, out) -> () -> -0.3 + 0.5 * random.nextDouble());
    assertInitialized(new Initializer.Normal(1, 0.7), (random, in, out) -> () -> 0.7 * random.nextGaussian());
  }

  private interface Draw {
    DoubleSupplier forLayer(Random random, int fanIn, int fanOut);
  }

  private static void assertInitialized(Initializer initializer, Draw draw) throws SpecException {
    NetworkSpec spec = spec(initializer);
    double[] expected = new double[spec.parameterCount()];
    Random random = new Random(seed(initializer));
    for (int l = 1; l <= spec.depth(); l++) {
      DoubleSupplier next = draw.forLayer(random, spec.units(l - 1), spec.units(l));
      for (int i = 1; i <= spec.units(l - 1); i++) {
        for (int j = 1; j <= spec.units(l); j++) {
          expected[spec.weightIndex(l, i, j)] = next.getAsDouble();
        }
      }
    }
    double[] actual = new Trainer(Specs.compile(spec)).parameters();
    assertArrayEquals(expected, actual, 1e-15, initializer.toString());
    assertEquals(0.0, actual[spec.weightIndex(1, 0, 1)], "biases start at zero");
  }

  private static long seed(Initializer initializer) {
    if (initializer instanceof Initializer.Scaled scaled) {
      return scaled.seed();
    }
    if (initializer instanceof Initializer.Uniform uniform) {
      return uniform.seed();
    }
    return ((Initializer.Normal) initializer).seed();
  }
}
