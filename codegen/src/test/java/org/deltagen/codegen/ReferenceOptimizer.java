package org.deltagen.codegen;

import org.deltagen.network.Optimizer;

/**
 * The optimizers' update rules written out plainly from torch.optim's documentation, for comparing
 * trajectories: one step from a gradient, on a double[] of parameters.
 */
final class ReferenceOptimizer {
  private final Optimizer optimizer;
  private final boolean[] bias;
  private double[] a;
  private double[] b;
  private double[] c;
  private int t;

  ReferenceOptimizer(Optimizer optimizer, boolean[] bias) {
    this.optimizer = optimizer;
    this.bias = bias;
  }

  void step(double[] w, double[] gradient) {
    int n = w.length;
    if (a == null) {
      a = new double[n];
      b = new double[n];
      c = new double[n];
      if (optimizer instanceof Optimizer.Adagrad adagrad) {
        java.util.Arrays.fill(a, adagrad.initialAccumulator());
      }
    }
    t++;
    for (int p = 0; p < n; p++) {
      double lambda = bias[p] && !optimizer.decayBiases() ? 0 : optimizer.weightDecay();
      if (optimizer instanceof Optimizer.Sgd sgd) {
        double g = gradient[p] + lambda * w[p];
        if (sgd.momentum() != 0) {
          a[p] = t == 1 ? g : sgd.momentum() * a[p] + (1 - sgd.dampening()) * g;
          g = sgd.nesterov() ? g + sgd.momentum() * a[p] : a[p];
        }
        w[p] = w[p] - sgd.learningRate() * g;
      } else if (optimizer instanceof Optimizer.Adagrad adagrad) {
        double g = gradient[p] + lambda * w[p];
        double gamma = adagrad.learningRate() / (1 + (t - 1) * adagrad.learningRateDecay());
        a[p] = a[p] + g * g;
        w[p] = w[p] - gamma * g / (Math.sqrt(a[p]) + adagrad.eps());
      } else if (optimizer instanceof Optimizer.RmsProp rms) {
        double g = gradient[p] + lambda * w[p];
        a[p] = rms.alpha() * a[p] + (1 - rms.alpha()) * g * g;
        double v = a[p];
        if (rms.centered()) {
          b[p] = rms.alpha() * b[p] + (1 - rms.alpha()) * g;
          v = v - b[p] * b[p];
        }
        if (rms.momentum() > 0) {
          c[p] = rms.momentum() * c[p] + g / (Math.sqrt(v) + rms.eps());
          w[p] = w[p] - rms.learningRate() * c[p];
        } else {
          w[p] = w[p] - rms.learningRate() * g / (Math.sqrt(v) + rms.eps());
        }
      } else if (optimizer instanceof Optimizer.Adam adam) {
        double g = gradient[p];
        if (adam.decoupled()) {
          w[p] = w[p] - adam.learningRate() * lambda * w[p];
        } else {
          g = g + lambda * w[p];
        }
        a[p] = adam.beta1() * a[p] + (1 - adam.beta1()) * g;
        b[p] = adam.beta2() * b[p] + (1 - adam.beta2()) * g * g;
        double mHat = a[p] / (1 - Math.pow(adam.beta1(), t));
        double vHat = b[p] / (1 - Math.pow(adam.beta2(), t));
        w[p] = w[p] - adam.learningRate() * mHat / (Math.sqrt(vHat) + adam.eps());
      }
    }
  }
}
