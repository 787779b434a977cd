package org.deltagen.bench;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * DL4J 1.0.0-M2.1 on nd4j-native (CPU, float64): a MultiLayerNetwork of dense layers with the same
 * sizes, activations, optimizer and deltagen's initial weights (the prediction is checked against
 * deltagen's), one {@code fit(features, labels)} of the batch per step. XOR uses its squared loss,
 * summed over the batch (mini-batch averaging off, as the spec's {@code batch sum}); 10-32-32-1
 * its mean squared error; 784-128-10 softmax with multi-class cross-entropy, averaged. nd4j's
 * native code runs OpenMP, which takes its thread count from OMP_NUM_THREADS when it loads, before
 * any Java code could set it: without OMP_NUM_THREADS=1 (benchmarks/run sets it) a second thread
 * shares the work, so the benchmark refuses to run.
 */
@State(Scope.Thread)
public class Dl4jBenchmark {
  @Param({"XOR", "TANH", "MNIST_1", "MNIST_32"})
  public Case problem;

  private MultiLayerNetwork network;
  private INDArray features;
  private INDArray labels;
  private INDArray first;

  @Setup
  public void setUp() {
    if (!"1".equals(System.getenv("OMP_NUM_THREADS"))) {
      throw new IllegalStateException("DL4J would run more than one thread: set OMP_NUM_THREADS=1 (benchmarks/run does)");
    }
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    Nd4j.getEnvironment().setMaxThreads(1);
    Nd4j.getEnvironment().setMaxMasterThreads(1);
    int[] sizes = problem.sizes();
    Activation hidden = switch (problem) {
      case XOR -> Activation.SIGMOID;
      case TANH -> Activation.TANH;
      default -> Activation.RELU;
    };
    NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
        .dataType(DataType.DOUBLE)
        .updater(updater())
        .miniBatch(problem != Case.XOR)
        .list();
    for (int l = 1; l < sizes.length - 1; l++) {
      layers.layer(new DenseLayer.Builder().nIn(sizes[l - 1]).nOut(sizes[l]).activation(hidden).build());
    }
    int last = sizes.length - 1;
    layers.layer(new OutputLayer.Builder(loss()).nIn(sizes[last - 1]).nOut(sizes[last]).activation(output()).build());
    MultiLayerConfiguration configuration = layers.build();
    network = new MultiLayerNetwork(configuration);
    network.init();
    double[] parameters = problem.initialParameters();
    for (int l = 1; l < sizes.length; l++) {
      double[][] weight = new double[sizes[l - 1]][sizes[l]];
      double[][] bias = new double[1][sizes[l]];
      for (int j = 0; j < sizes[l]; j++) {
        bias[0][j] = problem.weight(parameters, l, 0, j);
        for (int i = 1; i <= sizes[l - 1]; i++) {
          weight[i - 1][j] = problem.weight(parameters, l, i, j);
        }
      }
      network.getLayer(l - 1).setParam("W", Nd4j.create(weight));
      network.getLayer(l - 1).setParam("b", Nd4j.create(bias));
    }
    features = Nd4j.create(problem.inputs());
    labels = Nd4j.create(problem.targets());
    first = Nd4j.create(new double[][] {problem.inputs()[0]});
    SameWork.checkPrediction("DL4J", problem, (x, y) -> {
      double[] output = network.output(Nd4j.create(new double[][] {x})).toDoubleVector();
      System.arraycopy(output, 0, y, 0, y.length);
    }, 1e-12);
  }

  @Benchmark
  public double step() {
    network.fit(features, labels);
    return network.score();
  }

  @Benchmark
  public INDArray predict() {
    return network.output(first);
  }

  private IUpdater updater() {
    return switch (problem) {
      case XOR -> new Sgd(0.1);
      case TANH -> new Adam(0.001, 0.9, 0.999, 1e-8);
      default -> new Sgd(0.01);
    };
  }

  private LossFunction loss() {
    return switch (problem) {
      case XOR -> LossFunction.SQUARED_LOSS;
      case TANH -> LossFunction.MSE;
      default -> LossFunction.MCXENT;
    };
  }

  private Activation output() {
    return switch (problem) {
      case XOR -> Activation.SIGMOID;
      case TANH -> Activation.IDENTITY;
      default -> Activation.SOFTMAX;
    };
  }
}
