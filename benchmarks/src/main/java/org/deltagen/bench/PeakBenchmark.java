package org.deltagen.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The machine's single-core floating-point rates as the JIT reaches them, on arrays that stay in L1
 * (2 × 8 KB), in loops C2 vectorizes. {@code axpy} and {@code fma} (y += a·x, two FLOPs an
 * element) are the shape of a trainer's inner loops, and are bound by loads and stores, not by
 * arithmetic. {@code horner} evaluates a polynomial of degree {@link #DEGREE} at every element:
 * {@code DEGREE} dependent fused multiply-adds per load and store, independent across elements, so
 * it is bound by the FMA units alone — the peak a step is measured against.
 */
@State(Scope.Thread)
public class PeakBenchmark {
  public static final int LENGTH = 1024;
  /** The fused multiply-adds per element of {@link #horner()}. */
  public static final int DEGREE = 16;

  private final double[] x = new double[LENGTH];
  private final double[] y = new double[LENGTH];
  private final float[] floatX = new float[LENGTH];
  private final float[] floatY = new float[LENGTH];
  private double a = 1e-9;
  private float floatA = 1e-9f;

  @Setup
  public void setUp() {
    // In [0, 1), so that every polynomial value stays between 0.0625 and 2: no overflow, no subnormals.
    for (int i = 0; i < LENGTH; i++) {
      x[i] = (double) i / LENGTH;
      floatX[i] = (float) x[i];
    }
  }

  @Benchmark
  public double[] axpy() {
    for (int i = 0; i < LENGTH; i++) {
      y[i] += a * x[i];
    }
    return y;
  }

  @Benchmark
  public double[] fma() {
    for (int i = 0; i < LENGTH; i++) {
      y[i] = Math.fma(a, x[i], y[i]);
    }
    return y;
  }

  @Benchmark
  public float[] axpyFloat() {
    for (int i = 0; i < LENGTH; i++) {
      floatY[i] += floatA * floatX[i];
    }
    return floatY;
  }

  /** y_j = p(x_j) by Horner's rule: DEGREE fused multiply-adds, 2·DEGREE FLOPs, per element. */
  @Benchmark
  public double[] horner() {
    for (int i = 0; i < LENGTH; i++) {
      double v = x[i];
      double p = a;
      p = Math.fma(p, v, 0.5);
      p = Math.fma(p, v, 0.25);
      p = Math.fma(p, v, 0.125);
      p = Math.fma(p, v, 0.0625);
      p = Math.fma(p, v, 0.5);
      p = Math.fma(p, v, 0.25);
      p = Math.fma(p, v, 0.125);
      p = Math.fma(p, v, 0.0625);
      p = Math.fma(p, v, 0.5);
      p = Math.fma(p, v, 0.25);
      p = Math.fma(p, v, 0.125);
      p = Math.fma(p, v, 0.0625);
      p = Math.fma(p, v, 0.5);
      p = Math.fma(p, v, 0.25);
      p = Math.fma(p, v, 0.125);
      p = Math.fma(p, v, 0.0625);
      y[i] = p;
    }
    return y;
  }

  /** {@link #horner()} in float. */
  @Benchmark
  public float[] hornerFloat() {
    for (int i = 0; i < LENGTH; i++) {
      float v = floatX[i];
      float p = floatA;
      p = Math.fma(p, v, 0.5f);
      p = Math.fma(p, v, 0.25f);
      p = Math.fma(p, v, 0.125f);
      p = Math.fma(p, v, 0.0625f);
      p = Math.fma(p, v, 0.5f);
      p = Math.fma(p, v, 0.25f);
      p = Math.fma(p, v, 0.125f);
      p = Math.fma(p, v, 0.0625f);
      p = Math.fma(p, v, 0.5f);
      p = Math.fma(p, v, 0.25f);
      p = Math.fma(p, v, 0.125f);
      p = Math.fma(p, v, 0.0625f);
      p = Math.fma(p, v, 0.5f);
      p = Math.fma(p, v, 0.25f);
      p = Math.fma(p, v, 0.125f);
      p = Math.fma(p, v, 0.0625f);
      floatY[i] = p;
    }
    return floatY;
  }
}
