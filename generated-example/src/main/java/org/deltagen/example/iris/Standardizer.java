package org.deltagen.example.iris;

/**
 * Rescales each feature to mean 0 and standard deviation 1, with the mean and deviation of the
 * data it was fitted on, so that the test set is transformed exactly as the training set was.
 */
public final class Standardizer {
  private final double[] mean;
  private final double[] deviation;

  private Standardizer(double[] mean, double[] deviation) {
    this.mean = mean;
    this.deviation = deviation;
  }

  /** The standardizer of {@code rows}' columns (population standard deviation). */
  public static Standardizer fit(double[][] rows) {
    int columns = rows[0].length;
    double[] mean = new double[columns];
    double[] deviation = new double[columns];
    for (double[] row : rows) {
      for (int i = 0; i < columns; i++) {
        mean[i] += row[i] / rows.length;
      }
    }
    for (double[] row : rows) {
      for (int i = 0; i < columns; i++) {
        deviation[i] += (row[i] - mean[i]) * (row[i] - mean[i]) / rows.length;
      }
    }
    for (int i = 0; i < columns; i++) {
      deviation[i] = Math.sqrt(deviation[i]);
    }
    return new Standardizer(mean, deviation);
  }

  /** {@code x} standardized, as a new array. */
  public double[] apply(double[] x) {
    double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = (x[i] - mean[i]) / deviation[i];
    }
    return z;
  }

  /** Every row standardized, as new arrays. */
  public double[][] apply(double[][] rows) {
    double[][] standardized = new double[rows.length][];
    for (int s = 0; s < rows.length; s++) {
      standardized[s] = apply(rows[s]);
    }
    return standardized;
  }
}
