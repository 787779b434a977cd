package org.deltagen.bench;

import org.bytedeco.openblas.global.openblas;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import smile.base.mlp.ActivationFunction;
import smile.base.mlp.Cost;
import smile.base.mlp.HiddenLayer;
import smile.base.mlp.Layer;
import smile.base.mlp.LayerBuilder;
import smile.base.mlp.OutputFunction;
import smile.base.mlp.OutputLayer;
import smile.math.TimeFunction;
import smile.math.matrix.Matrix;

/**
 * Smile 3.1.1: its MLP regressor (XOR with a sigmoid output and squared error, 10-32-32-1) or
 * classifier (784-128-10, ReLU and softmax with cross-entropy), with deltagen's initial weights
 * (Smile's builders draw their own, so its layers are subclassed to take them; the prediction is
 * checked against deltagen's), trained by {@code update} on the batch, or on the single sample for
 * batch 1. Smile has no Adam: the tanh case uses its RMSProp, the nearest it has. Its matrix
 * products run in OpenBLAS (native, through JavaCPP), which by default starts a thread per core; it
 * is held to one thread here, as every library is.
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
    double[] parameters = problem.initialParameters();
    switch (problem) {
      case XOR -> {
        regressor = new smile.regression.MLP(Layer.input(2), hidden(parameters, 1, ActivationFunction.sigmoid()),
            output(parameters, 2, OutputFunction.SIGMOID, Cost.MEAN_SQUARED_ERROR));
        regressor.setLearningRate(TimeFunction.constant(0.1));
      }
      case TANH -> {
        regressor = new smile.regression.MLP(Layer.input(10), hidden(parameters, 1, ActivationFunction.tanh()),
            hidden(parameters, 2, ActivationFunction.tanh()),
            output(parameters, 3, OutputFunction.LINEAR, Cost.MEAN_SQUARED_ERROR));
        regressor.setLearningRate(TimeFunction.constant(0.001));
        regressor.setRMSProp(0.9, 1e-8);
      }
      default -> {
        classifier = new smile.classification.MLP(Layer.input(784), hidden(parameters, 1, ActivationFunction.rectifier()),
            output(parameters, 2, OutputFunction.SOFTMAX, Cost.LIKELIHOOD));
        classifier.setLearningRate(TimeFunction.constant(0.01));
      }
    }
    SameWork.checkPrediction("Smile", problem, (x, y) -> {
      if (regressor != null) {
        y[0] = regressor.predict(x);
      } else {
        classifier.predict(x, y);
      }
    }, 1e-12);
  }

  @Benchmark
  public int step() {
    if (regressor != null) {
      if (xs.length == 1) {
        regressor.update(xs[0], values[0]);
      } else {
        regressor.update(xs, values);
      }
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

  private LayerBuilder hidden(double[] parameters, int l, ActivationFunction f) {
    return new LayerBuilder(problem.sizes()[l], 0) {
      @Override
      public Layer build(int inputs) {
        return new HiddenLayer(neurons, inputs, 0, f) {
          {
            copy(parameters, l, weight, bias);
          }
        };
      }
    };
  }

  private LayerBuilder output(double[] parameters, int l, OutputFunction f, Cost cost) {
    return new LayerBuilder(problem.sizes()[l], 0) {
      @Override
      public Layer build(int inputs) {
        return new OutputLayer(neurons, inputs, f, cost) {
          {
            copy(parameters, l, weight, bias);
          }
        };
      }
    };
  }

  /** deltagen's layer l into Smile's n_l × n_{l-1} weight matrix and its bias vector. */
  private void copy(double[] parameters, int l, Matrix weight, double[] bias) {
    int[] sizes = problem.sizes();
    for (int j = 0; j < sizes[l]; j++) {
      bias[j] = problem.weight(parameters, l, 0, j);
      for (int i = 1; i <= sizes[l - 1]; i++) {
        weight.set(j, i - 1, problem.weight(parameters, l, i, j));
      }
    }
  }
}
