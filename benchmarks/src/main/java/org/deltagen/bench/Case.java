package org.deltagen.bench;

import java.util.Random;
import org.deltagen.bench.nets.Mnist;
import org.deltagen.bench.nets.Tanh10x32x32x1;
import org.deltagen.bench.nets.Xor;

/**
 * One benchmarked training problem: the layer sizes, the batch, and seeded data every library
 * trains on (inputs uniform in [0, 1), one-hot targets for classifiers, values in [−1, 1] for the
 * regression). The work per step is counted from the sizes alone. Every library starts from the
 * initial parameters of deltagen's trainer, where its API lets it be given them.
 */
public enum Case {
  XOR("XOR 2-2-1, batch 4", new int[] {2, 2, 1}, 4, false),
  TANH("10-32-32-1, batch 1", new int[] {10, 32, 32, 1}, 1, false),
  MNIST_1("784-128-10, batch 1", new int[] {784, 128, 10}, 1, true),
  MNIST_32("784-128-10, batch 32", new int[] {784, 128, 10}, 32, true),
  MNIST_1_FLOAT("784-128-10 float, batch 1", new int[] {784, 128, 10}, 1, true),
  MNIST_32_FLOAT("784-128-10 float, batch 32", new int[] {784, 128, 10}, 32, true);

  private final String title;
  private final int[] sizes;
  private final int batch;
  private final boolean classifier;

  Case(String title, int[] sizes, int batch, boolean classifier) {
    this.title = title;
    this.sizes = sizes;
    this.batch = batch;
    this.classifier = classifier;
  }

  public String title() {
    return title;
  }

  public int[] sizes() {
    return sizes.clone();
  }

  public int batch() {
    return batch;
  }

  /** {@code samples} rounded to float, for the float trainers. */
  public static float[][] narrow(double[][] samples) {
    float[][] narrowed = new float[samples.length][];
    for (int s = 0; s < samples.length; s++) {
      narrowed[s] = new float[samples[s].length];
      for (int i = 0; i < samples[s].length; i++) {
        narrowed[s][i] = (float) samples[s][i];
      }
    }
    return narrowed;
  }

  /** The inputs of one batch. XOR's are the four corners, as in seed 000. */
  public double[][] inputs() {
    if (this == XOR) {
      return new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    }
    Random random = new Random(17);
    double[][] xs = new double[batch][sizes[0]];
    for (double[] x : xs) {
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextDouble();
      }
    }
    return xs;
  }

  /** The targets of one batch: XOR's truth table, one-hot classes, or regression values. */
  public double[][] targets() {
    if (this == XOR) {
      return new double[][] {{0}, {1}, {1}, {0}};
    }
    int outputs = sizes[sizes.length - 1];
    Random random = new Random(23);
    double[][] ds = new double[batch][outputs];
    for (double[] d : ds) {
      if (classifier) {
        d[random.nextInt(outputs)] = 1;
      } else {
        for (int j = 0; j < outputs; j++) {
          d[j] = 2 * random.nextDouble() - 1;
        }
      }
    }
    return ds;
  }

  /** The class of each target, for libraries that take labels. */
  public int[] labels() {
    double[][] ds = targets();
    int[] labels = new int[ds.length];
    for (int s = 0; s < ds.length; s++) {
      for (int j = 0; j < ds[s].length; j++) {
        labels[s] = ds[s][j] > ds[s][labels[s]] ? j : labels[s];
      }
    }
    return labels;
  }

  /** A new deltagen trainer's parameters, in deltagen's layout (PRODUCT §1); float cases in double. */
  public double[] initialParameters() {
    return switch (this) {
      case XOR -> new Xor().parameters();
      case TANH -> new Tanh10x32x32x1().parameters();
      case MNIST_1, MNIST_32 -> new Mnist().parameters();
      case MNIST_1_FLOAT, MNIST_32_FLOAT -> {
        float[] narrow = new org.deltagen.bench.nets.MnistFloat().parameters();
        double[] wide = new double[narrow.length];
        for (int p = 0; p < narrow.length; p++) {
          wide[p] = narrow[p];
        }
        yield wide;
      }
    };
  }

  /**
   * w^l_{ij} of {@code parameters} in deltagen's layout: layer l's block of (n_{l-1}+1) × n_l,
   * row-major, row i = 0 the bias.
   */
  public double weight(double[] parameters, int l, int i, int j) {
    int offset = 0;
    for (int k = 1; k < l; k++) {
      offset += (sizes[k - 1] + 1) * sizes[k];
    }
    return parameters[offset + i * sizes[l] + j];
  }

  /** Σ_l n_{l-1}·n_l: the connections, each a weight a step updates. */
  public long connections() {
    long connections = 0;
    for (int l = 1; l < sizes.length; l++) {
      connections += (long) sizes[l - 1] * sizes[l];
    }
    return connections;
  }

  /** Weights and biases. */
  public long parameters() {
    long parameters = 0;
    for (int l = 1; l < sizes.length; l++) {
      parameters += (long) (sizes[l - 1] + 1) * sizes[l];
    }
    return parameters;
  }

  /**
   * Floating-point operations of one training step, counted as multiply and add separately: per
   * sample 2C for the weighted sums, 2C for the weight gradients and 2(C − C_1) for the hidden δ
   * (no δ is propagated into the inputs); then 2P for an SGD update of every parameter.
   * Activations are not counted.
   */
  public long flopsPerStep() {
    long firstLayer = (long) sizes[0] * sizes[1];
    return batch * (6 * connections() - 2 * firstLayer) + 2 * parameters();
  }
}
