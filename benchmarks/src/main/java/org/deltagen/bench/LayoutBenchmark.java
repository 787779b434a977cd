package org.deltagen.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Why a 784-128-10 forward pass runs at half the hand-written speed: the first layer's weighted
 * sums, u_j += z_i·w[row + j], over deltagen's flat parameter array (the layout of {@code
 * parameters()}), against the same sums over one array per row, and over a row copied into a
 * scratch array first. Run with {@code --include Layout} and compare with {@code
 * -jvmArgs -XX:-UseSuperWord} to see which loops C2 vectorizes.
 */
@State(Scope.Thread)
public class LayoutBenchmark {
  private static final int INPUTS = 784;
  private static final int UNITS = 128;

  private final double[] flat = new double[(INPUTS + 1) * UNITS];
  private final double[][] rows = new double[INPUTS][UNITS];
  private final double[] scratch = new double[UNITS];
  private final double[] u = new double[UNITS];
  private final double[] x = new double[INPUTS];

  @Setup
  public void setUp() {
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < INPUTS; i++) {
      x[i] = random.nextDouble();
      for (int j = 0; j < UNITS; j++) {
        rows[i][j] = random.nextGaussian();
        flat[(i + 1) * UNITS + j] = rows[i][j];
      }
    }
  }

  /** The generated trainer's loop: one flat array, each row at an offset. */
  @Benchmark
  public double[] flatArray() {
    System.arraycopy(flat, 0, u, 0, UNITS);
    for (int i = 0; i < INPUTS; i++) {
      double zi = x[i];
      int row = (i + 1) * UNITS;
      for (int j = 0; j < UNITS; j++) {
        u[j] += zi * flat[row + j];
      }
    }
    return u;
  }

  /** The hand-written layout: an array per row, indexed like u. */
  @Benchmark
  public double[] arrayPerRow() {
    System.arraycopy(flat, 0, u, 0, UNITS);
    for (int i = 0; i < INPUTS; i++) {
      double zi = x[i];
      double[] row = rows[i];
      for (int j = 0; j < UNITS; j++) {
        u[j] += zi * row[j];
      }
    }
    return u;
  }

  /** The flat array, each row copied out before the sums. */
  @Benchmark
  public double[] rowCopiedOut() {
    System.arraycopy(flat, 0, u, 0, UNITS);
    for (int i = 0; i < INPUTS; i++) {
      double zi = x[i];
      System.arraycopy(flat, (i + 1) * UNITS, scratch, 0, UNITS);
      for (int j = 0; j < UNITS; j++) {
        u[j] += zi * scratch[j];
      }
    }
    return u;
  }

  private static final int BATCH = 32;
  private final double[][] us = new double[BATCH][UNITS];
  private final double[][] xs = new double[BATCH][INPUTS];
  private final double[][] deltas = new double[BATCH][UNITS];
  private final double[] grad = new double[(INPUTS + 1) * UNITS];

  @Setup
  public void setUpBatch() {
    java.util.Random random = new java.util.Random(7);
    for (int s = 0; s < BATCH; s++) {
      for (int i = 0; i < INPUTS; i++) {
        xs[s][i] = random.nextDouble();
      }
      for (int j = 0; j < UNITS; j++) {
        deltas[s][j] = random.nextGaussian();
      }
    }
  }

  /** Forward sums of 32 samples, one sample after the other over the flat array. */
  @Benchmark
  public double[][] batchFlat() {
    for (int s = 0; s < BATCH; s++) {
      double[] us = this.us[s];
      double[] x = xs[s];
      System.arraycopy(flat, 0, us, 0, UNITS);
      for (int i = 0; i < INPUTS; i++) {
        double zi = x[i];
        int row = (i + 1) * UNITS;
        for (int j = 0; j < UNITS; j++) {
          us[j] += zi * flat[row + j];
        }
      }
    }
    return us;
  }

  /** Forward sums of 32 samples, each row copied out once and used by every sample. */
  @Benchmark
  public double[][] batchRowCopied() {
    for (int s = 0; s < BATCH; s++) {
      System.arraycopy(flat, 0, us[s], 0, UNITS);
    }
    for (int i = 0; i < INPUTS; i++) {
      System.arraycopy(flat, (i + 1) * UNITS, scratch, 0, UNITS);
      for (int s = 0; s < BATCH; s++) {
        double[] us = this.us[s];
        double zi = xs[s][i];
        for (int j = 0; j < UNITS; j++) {
          us[j] += zi * scratch[j];
        }
      }
    }
    return us;
  }

  /** Gradient sums of 32 samples, one sample after the other over the flat array. */
  @Benchmark
  public double[] gradientFlat() {
    for (int s = 0; s < BATCH; s++) {
      double[] x = xs[s];
      double[] delta = deltas[s];
      for (int i = 0; i < INPUTS; i++) {
        double zi = x[i];
        int row = (i + 1) * UNITS;
        for (int j = 0; j < UNITS; j++) {
          grad[row + j] += zi * delta[j];
        }
      }
    }
    return grad;
  }

  /** Gradient sums of 32 samples, each row copied out, summed over the samples, copied back. */
  @Benchmark
  public double[] gradientRowCopied() {
    for (int i = 0; i < INPUTS; i++) {
      int row = (i + 1) * UNITS;
      System.arraycopy(grad, row, scratch, 0, UNITS);
      for (int s = 0; s < BATCH; s++) {
        double zi = xs[s][i];
        double[] delta = deltas[s];
        for (int j = 0; j < UNITS; j++) {
          scratch[j] += zi * delta[j];
        }
      }
      System.arraycopy(scratch, 0, grad, row, UNITS);
    }
    return grad;
  }

  /** One sample's forward sums with the loop index running over the flat array. */
  @Benchmark
  public double[] flatShiftedIndex() {
    System.arraycopy(flat, 0, u, 0, UNITS);
    for (int i = 0; i < INPUTS; i++) {
      double zi = x[i];
      int row = (i + 1) * UNITS;
      for (int k = row, end = row + UNITS; k < end; k++) {
        u[k - row] += zi * flat[k];
      }
    }
    return u;
  }
}
