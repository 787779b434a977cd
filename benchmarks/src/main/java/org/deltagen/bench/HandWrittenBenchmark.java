package org.deltagen.bench;

import org.deltagen.bench.HandWritten.Activation;
import org.deltagen.bench.HandWritten.Loss;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hand-written double[] baseline on the same problems, optimizers, learning rates and initial
 * parameters as deltagen's trainers; its errors over the first steps are checked against theirs.
 */
@State(Scope.Thread)
public class HandWrittenBenchmark {
  @Param({"XOR", "TANH", "MNIST_1", "MNIST_32"})
  public Case problem;

  private HandWritten network;
  private double[][] xs;
  private double[][] ds;
  private double[] y;

  @Setup
  public void setUp() {
    xs = problem.inputs();
    ds = problem.targets();
    int[] sizes = problem.sizes();
    y = new double[sizes[sizes.length - 1]];
    SameWork.checkSteps("hand-written", problem, network()::step, 1e-9);
    network = network();
  }

  private HandWritten network() {
    int[] sizes = problem.sizes();
    double[] parameters = problem.initialParameters();
    return switch (problem) {
      case XOR -> new HandWritten(sizes, new Activation[] {Activation.SIGMOID, Activation.SIGMOID}, Loss.SSE,
          false, 0.1, parameters);
      case TANH -> new HandWritten(sizes, new Activation[] {Activation.TANH, Activation.TANH, Activation.IDENTITY},
          Loss.MSE, true, 0.001, parameters);
      default -> new HandWritten(sizes, new Activation[] {Activation.RELU, Activation.SOFTMAX}, Loss.CROSS_ENTROPY,
          false, 0.01, parameters);
    };
  }

  @Benchmark
  public double step() {
    return network.step(xs, ds);
  }

  @Benchmark
  public double predict() {
    network.predict(xs[0], y);
    return y[0];
  }
}
