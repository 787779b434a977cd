package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Initializer;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 25 full-batch steps of every optimizer on a 4-8-8-3 network, against {@link ReferenceOptimizer}:
 * a plain double[] implementation of the update formulas as torch.optim's documentation states
 * them, written separately from the generator. Gradients for the reference come from a second
 * instance of the same trainer (its backward is checked elsewhere), so only the update is compared.
 */
class OptimizerTrajectoryTest {
  private static final int STEPS = 25;
  private static final double TOLERANCE = 1e-10;

  static Stream<Arguments> optimizers() {
    return Stream.of(
        Arguments.of("sgd", new Optimizer.Sgd(0.1)),
        Arguments.of("sgd momentum, dampening", new Optimizer.Sgd(0.05, 0.9, 0.1, false, 0, true)),
        Arguments.of("sgd nesterov, weight decay", new Optimizer.Sgd(0.05, 0.9, 0, true, 1e-2, true)),
        Arguments.of("sgd weight decay, not on biases", new Optimizer.Sgd(0.1, 0, 0, false, 5e-2, false)),
        Arguments.of("adagrad", new Optimizer.Adagrad(0.1, 0.01, 1e-3, 0.1, 1e-10, true)),
        Arguments.of("rmsprop", new Optimizer.RmsProp(0.01, 0.99, 1e-8, 0, 0, false, true)),
        Arguments.of("rmsprop centered, momentum, decay", new Optimizer.RmsProp(0.005, 0.9, 1e-6, 1e-2, 0.5, true, true)),
        Arguments.of("adam", new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0, false, true)),
        Arguments.of("adam weight decay", new Optimizer.Adam(0.01, 0.8, 0.99, 1e-8, 1e-2, false, true)),
        Arguments.of("adamw", new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0.01, true, true)),
        Arguments.of("adamw, not on biases", new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8, 0.1, true, false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void matchesTheReferenceTrajectory(String name, Optimizer optimizer) throws SpecException {
    for (BatchReduction batch : BatchReduction.values()) {
      NetworkSpec spec = Specs.network("Net", 4)
          .layer(8, Activation.named(NamedActivation.TANH))
          .layer(8, Activation.named(NamedActivation.SIGMOID))
          .layer(3, Activation.named(NamedActivation.SOFTMAX))
          .loss(Loss.named(NamedLoss.CROSS_ENTROPY))
          .batch(batch)
          .optimizer(optimizer)
          .initializer(new Initializer.Normal(3, 0.5))
          .build();
      compare(spec, name + ", batch " + batch.keyword());
    }
  }

  static void compare(NetworkSpec spec, String what) throws SpecException {
    Class<?> type = Specs.compile(spec);
    Trainer trained = new Trainer(type);
    Trainer gradients = new Trainer(type);
    double[][] xs = new double[6][4];
    double[][] ds = new double[6][3];
    Random random = new Random(42);
    for (int s = 0; s < xs.length; s++) {
      for (int i = 0; i < 4; i++) {
        xs[s][i] = random.nextGaussian();
      }
      ds[s][random.nextInt(3)] = 1;
    }
    double[] w = trained.parameters().clone();
    ReferenceOptimizer reference = new ReferenceOptimizer(spec.optimizer(), biasMask(spec));
    for (int t = 1; t <= STEPS; t++) {
      System.arraycopy(w, 0, gradients.parameters(), 0, w.length);
      gradients.zeroGradients();
      for (int s = 0; s < xs.length; s++) {
        gradients.backward(xs[s], ds[s]);
      }
      double[] g = gradients.gradients().clone();
      if (spec.batch() == BatchReduction.MEAN) {
        for (int p = 0; p < g.length; p++) {
          g[p] /= xs.length;
        }
      }
      reference.step(w, g);
      trained.step(xs, ds);
      for (int p = 0; p < w.length; p++) {
        double actual = trained.parameters()[p];
        double error = Math.abs(actual - w[p]) / Math.max(1e-3, Math.abs(w[p]));
        assertTrue(error <= TOLERANCE, what + ": step " + t + ", " + GradientCheck.parameterName(spec, p)
            + ": generated " + actual + ", reference " + w[p] + ", relative error " + error);
      }
    }
  }

  private static boolean[] biasMask(NetworkSpec spec) {
    boolean[] bias = new boolean[spec.parameterCount()];
    for (int l = 1; l <= spec.depth(); l++) {
      for (int j = 1; j <= spec.units(l); j++) {
        bias[spec.weightIndex(l, 0, j)] = true;
      }
    }
    return bias;
  }
}
