package org.deltagen.bench;

import org.deltagen.bench.nets.Mnist;
import org.deltagen.bench.nets.MnistFloat;
import org.deltagen.bench.nets.Tanh10x32x32x1;
import org.deltagen.bench.nets.Xor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * deltagen's generated trainers (from src/main/deltagen), called as an application calls them:
 * {@code step(xs, ds)} for a training step, {@code predict(x, y)} for a forward pass.
 */
@State(Scope.Thread)
public class DeltagenBenchmark {
  @Param({"XOR", "TANH", "MNIST_1", "MNIST_32", "MNIST_1_FLOAT", "MNIST_32_FLOAT"})
  public Case problem;

  private Xor xor;
  private Tanh10x32x32x1 tanh;
  private Mnist mnist;
  private MnistFloat mnistFloat;
  private double[][] xs;
  private double[][] ds;
  private float[][] floatXs;
  private float[][] floatDs;
  private double[] y;
  private float[] floatY;

  @Setup
  public void setUp() {
    xs = problem.inputs();
    ds = problem.targets();
    floatXs = Case.narrow(xs);
    floatDs = Case.narrow(ds);
    int[] sizes = problem.sizes();
    y = new double[sizes[sizes.length - 1]];
    floatY = new float[y.length];
    switch (problem) {
      case XOR -> xor = new Xor();
      case TANH -> tanh = new Tanh10x32x32x1();
      case MNIST_1, MNIST_32 -> mnist = new Mnist();
      case MNIST_1_FLOAT, MNIST_32_FLOAT -> mnistFloat = new MnistFloat();
    }
  }

  @Benchmark
  public double step() {
    return switch (problem) {
      case XOR -> xor.step(xs, ds);
      case TANH -> tanh.step(xs, ds);
      case MNIST_1, MNIST_32 -> mnist.step(xs, ds);
      case MNIST_1_FLOAT, MNIST_32_FLOAT -> mnistFloat.step(floatXs, floatDs);
    };
  }

  @Benchmark
  public double predict() {
    switch (problem) {
      case XOR -> xor.predict(xs[0], y);
      case TANH -> tanh.predict(xs[0], y);
      case MNIST_1, MNIST_32 -> mnist.predict(xs[0], y);
      case MNIST_1_FLOAT, MNIST_32_FLOAT -> {
        mnistFloat.predict(floatXs[0], floatY);
        return floatY[0];
      }
    }
    return y[0];
  }
}
