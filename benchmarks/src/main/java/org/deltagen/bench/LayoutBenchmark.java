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
}
