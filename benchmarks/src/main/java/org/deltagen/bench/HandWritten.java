package org.deltagen.bench;

/**
 * The "write it yourself" baseline: seed 000's algorithm in plain Java loops over double[], general
 * over the layer sizes, the activation and the optimizer, the way one writes it once by hand.
 * Weights are per layer {@code w[l][i][j]} (input i, unit j) with separate biases. It allocates
 * its buffers once, so it is measured at its best.
 */
public final class HandWritten {
  /** The activations the benchmark cases use. */
  public enum Activation {
    SIGMOID, TANH, RELU, IDENTITY, SOFTMAX
  }

  /** The losses the benchmark cases use, each reduced over a batch as its spec says. */
  public enum Loss {
    /** Σ_j (y_j − d_j)², summed over the batch. */
    SSE,
    /** (1/n_L) Σ_j (y_j − d_j)², averaged over the batch. */
    MSE,
    /** −Σ_j d_j log y_j after a softmax, averaged over the batch. */
    CROSS_ENTROPY
  }

  private final int depth;
  private final Activation[] activations;
  private final Loss loss;
  private final boolean adam;
  private final double learningRate;
  private final double[][][] w;
  private final double[][] b;
  private final double[][][] gw;
  private final double[][] gb;
  private final double[][][] mw;
  private final double[][][] vw;
  private final double[][] mb;
  private final double[][] vb;
  private final double[][] z;
  private final double[][] delta;
  private long t;

  /**
   * A network of {@code sizes} (inputs first), {@code activations} per layer, trained by SGD or
   * Adam (β = 0.9, 0.999, ε = 1e-8) at {@code learningRate}, starting from {@code parameters} in
   * deltagen's layout (per layer a block of (n_{l-1}+1) × n_l, row 0 the bias).
   */
  public HandWritten(int[] sizes, Activation[] activations, Loss loss, boolean adam, double learningRate,
      double[] parameters) {
    this.depth = sizes.length - 1;
    this.activations = activations.clone();
    this.loss = loss;
    this.adam = adam;
    this.learningRate = learningRate;
    w = new double[depth + 1][][];
    gw = new double[depth + 1][][];
    mw = new double[depth + 1][][];
    vw = new double[depth + 1][][];
    b = new double[depth + 1][];
    gb = new double[depth + 1][];
    mb = new double[depth + 1][];
    vb = new double[depth + 1][];
    z = new double[depth + 1][];
    delta = new double[depth + 1][];
    int offset = 0;
    for (int l = 1; l <= depth; l++) {
      w[l] = new double[sizes[l - 1]][sizes[l]];
      gw[l] = new double[sizes[l - 1]][sizes[l]];
      mw[l] = new double[sizes[l - 1]][sizes[l]];
      vw[l] = new double[sizes[l - 1]][sizes[l]];
      b[l] = java.util.Arrays.copyOfRange(parameters, offset, offset + sizes[l]);
      for (int i = 0; i < sizes[l - 1]; i++) {
        int row = offset + (i + 1) * sizes[l];
        System.arraycopy(parameters, row, w[l][i], 0, sizes[l]);
      }
      offset += (sizes[l - 1] + 1) * sizes[l];
      gb[l] = new double[sizes[l]];
      mb[l] = new double[sizes[l]];
      vb[l] = new double[sizes[l]];
      z[l] = new double[sizes[l]];
      delta[l] = new double[sizes[l]];
    }
  }

  /** The forward pass: z^L into {@code y}. */
  public void predict(double[] x, double[] y) {
    forward(x);
    System.arraycopy(z[depth], 0, y, 0, y.length);
  }

  /** One update over the batch; returns its error before the update. */
  public double step(double[][] xs, double[][] ds) {
    for (int l = 1; l <= depth; l++) {
      for (double[] row : gw[l]) {
        java.util.Arrays.fill(row, 0);
      }
      java.util.Arrays.fill(gb[l], 0);
    }
    double error = 0;
    for (int s = 0; s < xs.length; s++) {
      forward(xs[s]);
      error += backward(xs[s], ds[s]);
    }
    double scale = loss == Loss.SSE ? 1 : 1.0 / xs.length;
    if (adam) {
      adam(scale);
    } else {
      sgd(scale);
    }
    return error * scale;
  }

  private void forward(double[] x) {
    double[] input = x;
    for (int l = 1; l <= depth; l++) {
      double[] u = z[l];
      System.arraycopy(b[l], 0, u, 0, u.length);
      for (int i = 0; i < input.length; i++) {
        double xi = input[i];
        double[] row = w[l][i];
        for (int j = 0; j < u.length; j++) {
          u[j] += xi * row[j];
        }
      }
      activate(activations[l - 1], u);
      input = u;
    }
  }

  private static void activate(Activation activation, double[] u) {
    switch (activation) {
      case SIGMOID -> {
        for (int j = 0; j < u.length; j++) {
          u[j] = 1 / (1 + Math.exp(-u[j]));
        }
      }
      case TANH -> {
        for (int j = 0; j < u.length; j++) {
          u[j] = Math.tanh(u[j]);
        }
      }
      case RELU -> {
        for (int j = 0; j < u.length; j++) {
          u[j] = Math.max(0, u[j]);
        }
      }
      case SOFTMAX -> {
        double max = u[0];
        for (double value : u) {
          max = Math.max(max, value);
        }
        double sum = 0;
        for (int j = 0; j < u.length; j++) {
          u[j] = Math.exp(u[j] - max);
          sum += u[j];
        }
        for (int j = 0; j < u.length; j++) {
          u[j] /= sum;
        }
      }
      case IDENTITY -> { }
    }
  }

  /** δ from the output down, added into the gradients; returns E of the sample. */
  private double backward(double[] x, double[] d) {
    double[] y = z[depth];
    double[] out = delta[depth];
    double e = 0;
    for (int j = 0; j < y.length; j++) {
      double difference = y[j] - d[j];
      switch (loss) {
        case SSE -> {
          e += difference * difference;
          out[j] = 2 * difference * derivative(activations[depth - 1], y[j]);
        }
        case MSE -> {
          e += difference * difference / y.length;
          out[j] = 2 * difference / y.length * derivative(activations[depth - 1], y[j]);
        }
        case CROSS_ENTROPY -> {
          e -= d[j] * Math.log(y[j]);
          out[j] = difference;
        }
      }
    }
    for (int l = depth; l >= 1; l--) {
      double[] input = l == 1 ? x : z[l - 1];
      double[] dl = delta[l];
      for (int j = 0; j < dl.length; j++) {
        gb[l][j] += dl[j];
      }
      for (int i = 0; i < input.length; i++) {
        double xi = input[i];
        double[] row = gw[l][i];
        for (int j = 0; j < dl.length; j++) {
          row[j] += xi * dl[j];
        }
      }
      if (l > 1) {
        double[] below = delta[l - 1];
        for (int i = 0; i < below.length; i++) {
          double sum = 0;
          double[] row = w[l][i];
          for (int j = 0; j < dl.length; j++) {
            sum += row[j] * dl[j];
          }
          below[i] = sum * derivative(activations[l - 2], z[l - 1][i]);
        }
      }
    }
    return e;
  }

  /** f' from the output z, as seed 000 writes σ' = z(1 − z). */
  private static double derivative(Activation activation, double z) {
    return switch (activation) {
      case SIGMOID -> z * (1 - z);
      case TANH -> 1 - z * z;
      case RELU -> z > 0 ? 1 : 0;
      case IDENTITY, SOFTMAX -> 1;
    };
  }

  private void sgd(double scale) {
    double rate = learningRate * scale;
    for (int l = 1; l <= depth; l++) {
      for (int i = 0; i < w[l].length; i++) {
        double[] row = w[l][i];
        double[] g = gw[l][i];
        for (int j = 0; j < row.length; j++) {
          row[j] -= rate * g[j];
        }
      }
      for (int j = 0; j < b[l].length; j++) {
        b[l][j] -= rate * gb[l][j];
      }
    }
  }

  private void adam(double scale) {
    t++;
    double step = learningRate / (1 - Math.pow(0.9, t));
    double correction = Math.sqrt(1 - Math.pow(0.999, t));
    for (int l = 1; l <= depth; l++) {
      for (int i = 0; i < w[l].length; i++) {
        adam(w[l][i], gw[l][i], mw[l][i], vw[l][i], scale, step, correction);
      }
      adam(b[l], gb[l], mb[l], vb[l], scale, step, correction);
    }
  }

  private static void adam(double[] w, double[] g, double[] m, double[] v, double scale, double step, double correction) {
    for (int j = 0; j < w.length; j++) {
      double gj = scale * g[j];
      m[j] = 0.9 * m[j] + 0.1 * gj;
      v[j] = 0.999 * v[j] + 0.001 * gj * gj;
      w[j] -= step * m[j] / (Math.sqrt(v[j]) / correction + 1e-8);
    }
  }
}
