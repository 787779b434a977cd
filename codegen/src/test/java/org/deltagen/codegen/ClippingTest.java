package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Global-norm clipping as torch.nn.utils.clip_grad_norm_: g ← g · min(1, c / (‖g‖ + 1e-6)). */
class ClippingTest {

  @ParameterizedTest(name = "max norm {0}, batch {1}")
  @CsvSource({"0.01, SUM", "0.01, MEAN", "1000, SUM"})
  void theUpdateUsesTheClippedGradient(double maxNorm, BatchReduction batch) throws SpecException {
    NetworkSpec spec = Specs.network("Clip", 3)
        .layer(4, Activation.named(NamedActivation.TANH))
        .layer(2, Activation.named(NamedActivation.IDENTITY))
        .batch(batch)
        .optimizer(new Optimizer.Sgd(0.1))
        .initializer(new Initializer.Normal(1, 1.0))
        .clipNorm(maxNorm)
        .build();
    Class<?> type = Specs.compile(spec);
    Trainer clipped = new Trainer(type);
    double[][] xs = {{1, -2, 0.5}, {0.3, 0.1, -1}};
    double[][] ds = {{1, 0}, {0, 1}};
    double[] before = clipped.parameters().clone();
    clipped.zeroGradients();
    double scale = batch == BatchReduction.MEAN ? 0.5 : 1;
    for (int s = 0; s < xs.length; s++) {
      clipped.backward(xs[s], ds[s]);
    }
    double[] g = clipped.gradients().clone();
    double norm = 0;
    for (double value : g) {
      norm += value * scale * value * scale;
    }
    norm = Math.sqrt(norm);
    double factor = Math.min(1, maxNorm / (norm + 1e-6));
    clipped.step(xs, ds);
    double moved = 0;
    for (int p = 0; p < g.length; p++) {
      double expected = before[p] - 0.1 * (g[p] * scale * factor);
      assertEquals(expected, clipped.parameters()[p], 1e-15, GradientCheck.parameterName(spec, p));
      moved += Math.pow((before[p] - clipped.parameters()[p]) / 0.1, 2);
    }
    double stepNorm = Math.sqrt(moved);
    assertTrue(maxNorm >= norm || Math.abs(stepNorm - maxNorm) < 1e-6 * maxNorm,
        "a clipped gradient has the maximum norm: " + stepNorm);
  }
}
