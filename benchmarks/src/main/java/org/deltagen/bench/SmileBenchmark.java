package org.deltagen.bench;

import org.bytedeco.openblas.global.openblas;
import smile.base.mlp.Layer;
import smile.base.mlp.OutputFunction;
import smile.math.TimeFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Smile 3.1.1: its MLP classifier (XOR with one sigmoid output and cross-entropy, 784-128-10 with
 * ReLU and softmax) or regressor (10-32-32-1), trained by {@code update} on the batch (a single
 * sample for batch 1). Smile has no Adam: the tanh case uses its RMSProp, the nearest it has.
 * Its matrix products run in OpenBLAS (native, through JavaCPP), which by default starts a thread
 * per core; it is held to one thread here, as every library is.
 */
@State(Scope.Thread)
public class SmileBenchmark {
  @Param({"XOR", "TANH", "MNIST_1", "MNIST_32"})
  public Case problem;

  private smile.classification.MLP classifier;
  private smile.regression.MLP regressor;
  private double[][] xs;
  private int[] labels;
  private double[] values;

  @Setup
  public void setUp() {
    openblas.blas_set_num_threads(1);
    if (openblas.blas_get_num_threads() != 1) {
      throw new IllegalStateException("OpenBLAS runs " + openblas.blas_get_num_threads() + " threads, not 1");
    }
    xs = problem.inputs();
    labels = problem.labels();
    double[][] ds = problem.targets();
    values = new double[ds.length];
    for (int s = 0; s < ds.length; s++) {
      values[s] = ds[s][0];
    }
    switch (problem) {
      case XOR -> {
        classifier = new smile.classification.MLP(Layer.input(2), Layer.sigmoid(2), Layer.mle(1, OutputFunction.SIGMOID));
        classifier.setLearningRate(TimeFunction.constant(0.1));
        for (int s = 0; s < labels.length; s++) {
          labels[s] = (int) ds[s][0];
        }
      }
      case TANH -> {
        regressor = new smile.regression.MLP(Layer.input(10), Layer.tanh(32), Layer.tanh(32),
            Layer.mse(1, OutputFunction.LINEAR));
        regressor.setLearningRate(TimeFunction.constant(0.001));
        regressor.setRMSProp(0.9, 1e-8);
      }
      default -> {
        classifier = new smile.classification.MLP(Layer.input(784), Layer.rectifier(128),
            Layer.mle(10, OutputFunction.SOFTMAX));
        classifier.setLearningRate(TimeFunction.constant(0.01));
      }
    }
  }

  @Benchmark
  public int step() {
    if (regressor != null) {
      regressor.update(xs[0], values[0]);
      return 0;
    }
    if (xs.length == 1) {
      classifier.update(xs[0], labels[0]);
    } else {
      classifier.update(xs, labels);
    }
    return classifier.numClasses();
  }

  @Benchmark
  public double predict() {
    return regressor != null ? regressor.predict(xs[0]) : classifier.predict(xs[0]);
  }
}
