package org.deltagen.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How the loops of a 784-128-10 trainer's wide layer run over deltagen's flat parameter array (the
 * layout of {@code parameters()}): the first layer's weighted sums u_j += z_i·w[row + j] and its
 * weight gradient g[row + j] += z_i·δ_j, one sample and 32 samples. C2 does not vectorize a loop
 * whose load carries the row's offset and whose store does not ({@link #flatArray}); it does over
 * one array per row, as the hand-written baseline stores them ({@link #arrayPerRow}), and over rows
 * copied out into a scratch array, which is what the generated trainers do, four rows (or four
 * samples' terms) per statement. Run with {@code --include Layout}; {@code benchmarks/run} also
 * runs them with {@code -XX:-UseSuperWord}, which turns C2's vectorization off.
 */
@State(Scope.Thread)
public class LayoutBenchmark {
  private static final int INPUTS = 784;
  private static final int UNITS = 128;

  private final double[] flat = new double[(INPUTS + 1) * UNITS];
  private final double[][] rows = new double[INPUTS][UNITS];
  private final double[] scratch = new double[UNITS];
  private final double[] rows4 = new double[4 * UNITS];
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

  /** One flat array, each row at an offset: the loop the trainers ran before they copied rows out. */
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

  /** One sample, four rows copied out at a time: the generated trainer's predict. */
  @Benchmark
  public double[] fourRowsCopiedOut() {
    System.arraycopy(flat, 0, u, 0, UNITS);
    for (int i = 0; i < INPUTS; i += 4) {
      System.arraycopy(flat, (i + 1) * UNITS, rows4, 0, 4 * UNITS);
      double z0 = x[i];
      double z1 = x[i + 1];
      double z2 = x[i + 2];
      double z3 = x[i + 3];
      for (int j = 0; j < UNITS; j++) {
        u[j] = u[j] + z0 * rows4[j] + z1 * rows4[UNITS + j] + z2 * rows4[2 * UNITS + j] + z3 * rows4[3 * UNITS + j];
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

  /** Gradient sums of 32 samples, each row copied out, given each sample's term, copied back. */
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



  /**
   * Forward sums of 32 samples, four rows copied out at a time and added to a sample's u in one
   * statement: the generated trainer's loop (RowCopyLayout.TERMS).
   */
  @Benchmark
  public double[][] batchFourRowsCopied() {
    for (int s = 0; s < BATCH; s++) {
      System.arraycopy(flat, 0, us[s], 0, UNITS);
    }
    for (int i = 0; i < INPUTS; i += 4) {
      System.arraycopy(flat, (i + 1) * UNITS, rows4, 0, 4 * UNITS);
      for (int s = 0; s < BATCH; s++) {
        double[] us = this.us[s];
        double[] x = xs[s];
        double z0 = x[i];
        double z1 = x[i + 1];
        double z2 = x[i + 2];
        double z3 = x[i + 3];
        for (int j = 0; j < UNITS; j++) {
          us[j] = us[j] + z0 * rows4[j] + z1 * rows4[UNITS + j] + z2 * rows4[2 * UNITS + j] + z3 * rows4[3 * UNITS + j];
        }
      }
    }
    return us;
  }

  /**
   * Gradient sums of 32 samples, each row copied out and given four samples' terms per statement:
   * the generated trainer's loop.
   */
  @Benchmark
  public double[] gradientFourSamplesAtATime() {
    for (int i = 0; i < INPUTS; i++) {
      int row = (i + 1) * UNITS;
      System.arraycopy(grad, row, scratch, 0, UNITS);
      for (int s = 0; s < BATCH; s += 4) {
        double z0 = xs[s][i];
        double z1 = xs[s + 1][i];
        double z2 = xs[s + 2][i];
        double z3 = xs[s + 3][i];
        double[] d0 = deltas[s];
        double[] d1 = deltas[s + 1];
        double[] d2 = deltas[s + 2];
        double[] d3 = deltas[s + 3];
        for (int j = 0; j < UNITS; j++) {
          scratch[j] = scratch[j] + z0 * d0[j] + z1 * d1[j] + z2 * d2[j] + z3 * d3[j];
        }
      }
      System.arraycopy(scratch, 0, grad, row, UNITS);
    }
    return grad;
  }

  private final double[] rows8 = new double[8 * UNITS];

  /** As {@link #batchFourRowsCopied}, eight rows at a time. */
  @Benchmark
  public double[][] batchEightRowsCopied() {
    for (int s = 0; s < BATCH; s++) {
      System.arraycopy(flat, 0, us[s], 0, UNITS);
    }
    for (int i = 0; i < INPUTS; i += 8) {
      System.arraycopy(flat, (i + 1) * UNITS, rows8, 0, 8 * UNITS);
      for (int s = 0; s < BATCH; s++) {
        double[] us = this.us[s];
        double[] x = xs[s];
        double z0 = x[i], z1 = x[i + 1], z2 = x[i + 2], z3 = x[i + 3], z4 = x[i + 4], z5 = x[i + 5], z6 = x[i + 6], z7 = x[i + 7];
        for (int j = 0; j < UNITS; j++) {
          us[j] = us[j] + z0 * rows8[j] + z1 * rows8[UNITS + j] + z2 * rows8[2 * UNITS + j] + z3 * rows8[3 * UNITS + j]
              + z4 * rows8[4 * UNITS + j] + z5 * rows8[5 * UNITS + j] + z6 * rows8[6 * UNITS + j] + z7 * rows8[7 * UNITS + j];
        }
      }
    }
    return us;
  }

  /** As {@link #gradientFourSamplesAtATime}, eight samples at a time. */
  @Benchmark
  public double[] gradientEightSamplesAtATime() {
    for (int i = 0; i < INPUTS; i++) {
      int row = (i + 1) * UNITS;
      System.arraycopy(grad, row, scratch, 0, UNITS);
      for (int s = 0; s < BATCH; s += 8) {
        double z0 = xs[s][i], z1 = xs[s + 1][i], z2 = xs[s + 2][i], z3 = xs[s + 3][i];
        double z4 = xs[s + 4][i], z5 = xs[s + 5][i], z6 = xs[s + 6][i], z7 = xs[s + 7][i];
        double[] d0 = deltas[s], d1 = deltas[s + 1], d2 = deltas[s + 2], d3 = deltas[s + 3];
        double[] d4 = deltas[s + 4], d5 = deltas[s + 5], d6 = deltas[s + 6], d7 = deltas[s + 7];
        for (int j = 0; j < UNITS; j++) {
          scratch[j] = scratch[j] + z0 * d0[j] + z1 * d1[j] + z2 * d2[j] + z3 * d3[j]
              + z4 * d4[j] + z5 * d5[j] + z6 * d6[j] + z7 * d7[j];
        }
      }
      System.arraycopy(scratch, 0, grad, row, UNITS);
    }
    return grad;
  }
}
