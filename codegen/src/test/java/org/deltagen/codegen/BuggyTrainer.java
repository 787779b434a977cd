package org.deltagen.codegen;

/**
 * A hand-written trainer with the generated API and a deliberate bug, for proving that the
 * gradient check fails: y = relu(w1 x + w0) · v, E = ½(y − d)², with ∂E/∂v scaled by {@link
 * #error}, and relu'(0) given by {@link #reluSlopeAtZero}.
 */
public final class BuggyTrainer {
  /** The factor by which ∂E/∂v is wrong; 1 makes the trainer correct. */
  static double error = 1.001;

  /** What the trainer takes as relu'(0); anything outside [0, 1] lies outside both one-sided slopes. */
  static double reluSlopeAtZero = 0;

  private final double[] w = new double[3];
  private final double[] g = new double[3];

  public double[] parameters() {
    return w;
  }

  public double[] gradients() {
    return g;
  }

  public void zeroGradients() {
    java.util.Arrays.fill(g, 0.0);
  }

  public void predict(double[] x, double[] y) {
    y[0] = output(x[0]);
  }

  public double loss(double[] x, double[] d) {
    double r = output(x[0]) - d[0];
    return r * r / 2;
  }

  public double backward(double[] x, double[] d) {
    double u = w[0] + w[1] * x[0];
    double z = u > 0 ? u : 0;
    double r = z * w[2] - d[0];
    double delta = u > 0 ? r * w[2] : u == 0 ? r * w[2] * reluSlopeAtZero : 0;
    g[0] += delta;
    g[1] += delta * x[0];
    g[2] += r * z * error;
    return r * r / 2;
  }

  public double step(double[][] xs, double[][] ds) {
    throw new UnsupportedOperationException();
  }

  private double output(double x) {
    double u = w[0] + w[1] * x;
    return (u > 0 ? u : 0) * w[2];
  }
}
