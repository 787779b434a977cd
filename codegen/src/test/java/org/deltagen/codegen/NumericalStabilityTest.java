package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deltagen.network.Activation;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Extreme inputs: logits of ±1000 must give finite losses and gradients, and the fused output
 * layers (softmax + cross-entropy, sigmoid + binary cross-entropy) must give δ = y − d exactly.
 * One layer with a bias, so the bias row's gradient is δ itself.
 */
class NumericalStabilityTest {

  @ParameterizedTest(name = "logit scale {0}")
  @ValueSource(doubles = {1, 1000, -1000})
  void softmaxCrossEntropyIsFiniteAndItsGradientIsYMinusD(double scale) throws SpecException {
    NetworkSpec spec = fusedOutput("SoftmaxCe", 3, NamedActivation.SOFTMAX, NamedLoss.CROSS_ENTROPY);
    // u = (scale, −scale, 0).
    Trainer trainer = opposedLogits(spec, scale);
    double[] x = {1};
    double[] d = {0, 1, 0};
    assertFusedDelta(spec, trainer, x, d);
  }

  @ParameterizedTest(name = "logit {0}")
  @ValueSource(doubles = {2, 1000, -1000})
  void sigmoidBinaryCrossEntropyIsFiniteAndItsGradientIsYMinusD(double logit) throws SpecException {
    NetworkSpec spec = fusedOutput("SigmoidBce", 2, NamedActivation.SIGMOID, NamedLoss.BINARY_CROSS_ENTROPY);
    Trainer trainer = opposedLogits(spec, logit);
    assertFusedDelta(spec, trainer, new double[] {1}, new double[] {0, 1});
    assertFusedDelta(spec, trainer, new double[] {1}, new double[] {1, 0});
  }

  @ParameterizedTest(name = "u = {0}")
  @ValueSource(doubles = {-1000, -40, 0, 40, 1000})
  void softplusAndSigmoidHiddenUnitsStayFinite(double u) throws SpecException {
    for (NamedActivation activation : new NamedActivation[] {NamedActivation.SOFTPLUS, NamedActivation.SIGMOID}) {
      NetworkSpec spec = Specs.network("Extreme", 1)
          .layer(1, Activation.named(activation), false)
          .layer(1, Activation.named(NamedActivation.IDENTITY))
          .build();
      Trainer trainer = new Trainer(Specs.compile(spec));
      double[] w = trainer.parameters();
      w[spec.weightIndex(1, 1, 1)] = u;
      w[spec.weightIndex(2, 1, 1)] = 1;
      double e = trainer.backward(new double[] {1}, new double[] {0.5});
      assertTrue(Double.isFinite(e), activation + ": E = " + e);
      for (double g : trainer.gradients()) {
        assertTrue(Double.isFinite(g), activation + ": a gradient is " + g);
      }
      double y = predict(trainer, 1)[0];
      double expected = activation == NamedActivation.SOFTPLUS
          ? Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)))
          : 1 / (1 + Math.exp(-u));
      assertEquals(expected, y, 1e-12 * Math.max(1, Math.abs(expected)), activation + " at " + u);
    }
  }

  /** One input, then one output layer of {@code units} with this activation and loss. */
  private static NetworkSpec fusedOutput(String name, int units, NamedActivation activation, NamedLoss loss)
      throws SpecException {
    return Specs.network(name, 1).layer(units, Activation.named(activation)).loss(Loss.named(loss)).build();
  }

  /**
   * The spec's trainer with u = (logit, −logit, 0, …) from x = 1 through the weights only: the bias
   * row stays 0.
   */
  private static Trainer opposedLogits(NetworkSpec spec, double logit) throws SpecException {
    Trainer trainer = new Trainer(Specs.compile(spec));
    double[] w = trainer.parameters();
    w[spec.weightIndex(1, 1, 1)] = logit;
    w[spec.weightIndex(1, 1, 2)] = -logit;
    return trainer;
  }

  private static void assertFusedDelta(NetworkSpec spec, Trainer trainer, double[] x, double[] d) {
    trainer.zeroGradients();
    double e = trainer.backward(x, d);
    assertTrue(Double.isFinite(e), "E = " + e);
    double[] y = predict(trainer, d.length);
    double[] g = trainer.gradients();
    for (int j = 1; j <= d.length; j++) {
      double bias = g[spec.weightIndex(1, 0, j)];
      assertTrue(Double.isFinite(bias), "∂E/∂w^1_{0," + j + "} = " + bias);
      assertEquals(y[j - 1] - d[j - 1], bias, 1e-12, "δ_" + j + " = y − d");
    }
  }

  private static double[] predict(Trainer trainer, int outputs) {
    double[] y = new double[outputs];
    trainer.predict(new double[] {1}, y);
    return y;
  }
}
