package org.deltagen.bench;

import org.neuroph.core.Connection;
import org.neuroph.core.Layer;
import org.neuroph.core.Neuron;
import org.neuroph.core.data.DataSet;
import org.neuroph.core.data.DataSetRow;
import org.neuroph.nnet.MultiLayerPerceptron;
import org.neuroph.nnet.comp.neuron.BiasNeuron;
import org.neuroph.nnet.learning.BackPropagation;
import org.neuroph.util.TransferFunctionType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Neuroph 2.92: a MultiLayerPerceptron of the same sizes and initial weights, trained by its
 * BackPropagation in batch mode, one learning epoch over the batch per step. Neuroph gives every
 * layer one transfer function and has neither ReLU, softmax nor Adam: the 784-128-10 cases use
 * sigmoid units and squared error, the tanh case tanh throughout and plain SGD — the same sizes, so
 * the same number of connection updates, with its own arithmetic. On XOR, where the functions are
 * deltagen's, its prediction is checked against deltagen's.
 */
@State(Scope.Thread)
public class NeurophBenchmark {
  @Param({"XOR", "TANH", "MNIST_1", "MNIST_32"})
  public Case problem;

  private MultiLayerPerceptron network;
  private BackPropagation learning;
  private DataSet data;
  private double[] x;

  @Setup
  public void setUp() {
    int[] sizes = problem.sizes();
    TransferFunctionType transfer = problem == Case.TANH ? TransferFunctionType.TANH : TransferFunctionType.SIGMOID;
    network = new MultiLayerPerceptron(transfer, sizes);
    setWeights(problem.initialParameters());
    if (problem == Case.XOR) {
      SameWork.checkPrediction("Neuroph", problem, (x, y) -> {
        network.setInput(x);
        network.calculate();
        System.arraycopy(network.getOutput(), 0, y, 0, y.length);
      }, 1e-12);
    }
    data = new DataSet(sizes[0], sizes[sizes.length - 1]);
    double[][] xs = problem.inputs();
    double[][] ds = problem.targets();
    for (int s = 0; s < xs.length; s++) {
      data.addRow(new DataSetRow(xs[s], ds[s]));
    }
    // Plain gradient descent: the network's default rule adds momentum.
    Rule rule = new Rule();
    network.setLearningRule(rule);
    rule.setLearningRate(problem == Case.XOR ? 0.1 : problem == Case.TANH ? 0.001 : 0.01);
    rule.setBatchMode(true);
    rule.prepare(data);
    learning = rule;
    x = xs[0];
  }

  /** deltagen's weights, connection by connection: Neuroph's bias is a neuron at the end of the layer below. */
  private void setWeights(double[] parameters) {
    for (int l = 1; l < network.getLayersCount(); l++) {
      Layer below = network.getLayerAt(l - 1);
      Neuron[] units = network.getLayerAt(l).getNeurons();
      for (int j = 0, unit = 0; unit < units.length; unit++) {
        if (units[unit] instanceof BiasNeuron) {
          continue;
        }
        for (Connection connection : units[unit].getInputConnections()) {
          Neuron from = connection.getFromNeuron();
          int i = from instanceof BiasNeuron ? 0 : below.indexOf(from) + 1;
          connection.getWeight().setValue(problem.weight(parameters, l, i, j));
        }
        j++;
      }
    }
  }

  /** BackPropagation with the preparation learn() makes before its first epoch, without learn()'s loop. */
  private static final class Rule extends BackPropagation {
    private static final long serialVersionUID = 1L;

    void prepare(DataSet data) {
      setTrainingSet(data);
      onStart();
    }
  }

  @Benchmark
  public double step() {
    learning.doLearningEpoch(data);
    return learning.getTotalNetworkError();
  }

  @Benchmark
  public double predict() {
    network.setInput(x);
    network.calculate();
    return network.getOutput()[0];
  }
}
