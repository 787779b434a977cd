package org.deltagen.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The activations the small cases cannot do without, as the generated code evaluates them: a
 * sigmoid, 1 / (1 + e^−u), and {@code Math.tanh}, each over {@link #UNITS} independent values. XOR's
 * step evaluates 12 sigmoids (3 units × 4 samples) and 10-32-32-1's 64 tanh, so these bound how fast
 * those steps can be whatever the rest of the code does.
 */
@State(Scope.Thread)
public class FunctionBenchmark {
  public static final int UNITS = 64;

  private final double[] u = new double[UNITS];
  private final double[] z = new double[UNITS];

  @Setup
  public void setUp() {
    for (int j = 0; j < UNITS; j++) {
      u[j] = (j - UNITS / 2) / 16.0;
    }
  }

  @Benchmark
  public double[] sigmoid() {
    for (int j = 0; j < UNITS; j++) {
      z[j] = 1.0 / (1.0 + Math.exp(-u[j]));
    }
    return z;
  }

  @Benchmark
  public double[] tanh() {
    for (int j = 0; j < UNITS; j++) {
      z[j] = Math.tanh(u[j]);
    }
    return z;
  }
}
