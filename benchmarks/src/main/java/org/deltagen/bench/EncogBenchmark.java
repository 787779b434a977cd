package org.deltagen.bench;

import org.encog.engine.network.activation.ActivationFunction;
import org.encog.engine.network.activation.ActivationLinear;
import org.encog.engine.network.activation.ActivationReLU;
import org.encog.engine.network.activation.ActivationSigmoid;
import org.encog.engine.network.activation.ActivationSoftMax;
import org.encog.engine.network.activation.ActivationTANH;
import org.encog.ml.data.MLDataPair;
import org.encog.ml.data.basic.BasicMLDataSet;
import org.encog.neural.networks.BasicNetwork;
import org.encog.neural.networks.layers.BasicLayer;
import org.encog.neural.networks.training.propagation.sgd.StochasticGradientDescent;
import org.encog.neural.networks.training.propagation.sgd.update.AdamUpdate;
import org.encog.neural.networks.training.propagation.sgd.update.MomentumUpdate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encog 3.4: a BasicNetwork of the same sizes, activations and initial weights (its prediction is
 * checked against deltagen's), trained by its StochasticGradientDescent (SGD without momentum, or
 * its AdamUpdate for the Adam case) one batch per step: every pair of the batch processed, then one
 * update. Single-threaded. Its SGD always back-propagates a cross-entropy error (y − d at the
 * output), which for the squared-error cases leaves out f' and a constant factor: the same
 * operations on every connection, other numbers.
 */
@State(Scope.Thread)
public class EncogBenchmark {
  @Param({"XOR", "TANH", "MNIST_1", "MNIST_32"})
  public Case problem;

  private BasicNetwork network;
  private StochasticGradientDescent training;
  private MLDataPair[] batch;
  private double[] x;
  private double[] y;

  @Setup
  public void setUp() {
    int[] sizes = problem.sizes();
    ActivationFunction hidden = switch (problem) {
      case XOR -> new ActivationSigmoid();
      case TANH -> new ActivationTANH();
      default -> new ActivationReLU();
    };
    ActivationFunction output = switch (problem) {
      case XOR -> new ActivationSigmoid();
      case TANH -> new ActivationLinear();
      default -> new ActivationSoftMax();
    };
    network = new BasicNetwork();
    network.addLayer(new BasicLayer(null, true, sizes[0]));
    for (int l = 1; l < sizes.length - 1; l++) {
      network.addLayer(new BasicLayer(hidden, true, sizes[l]));
    }
    network.addLayer(new BasicLayer(output, false, sizes[sizes.length - 1]));
    network.getStructure().finalizeStructure();
    double[] parameters = problem.initialParameters();
    for (int l = 1; l < sizes.length; l++) {
      for (int j = 0; j < sizes[l]; j++) {
        // Encog's bias is the extra neuron after the layer's last, deltagen's is row 0.
        network.setWeight(l - 1, sizes[l - 1], j, problem.weight(parameters, l, 0, j));
        for (int i = 1; i <= sizes[l - 1]; i++) {
          network.setWeight(l - 1, i - 1, j, problem.weight(parameters, l, i, j));
        }
      }
    }
    SameWork.checkPrediction("Encog", problem, network::compute, 1e-12);
    BasicMLDataSet data = new BasicMLDataSet(problem.inputs(), problem.targets());
    training = new StochasticGradientDescent(network, data);
    if (problem == Case.TANH) {
      training.setUpdateRule(new AdamUpdate());
      training.setLearningRate(0.001);
    } else {
      training.setUpdateRule(new MomentumUpdate());
      training.setMomentum(0);
      training.setLearningRate(problem == Case.XOR ? 0.1 : 0.01);
    }
    batch = new MLDataPair[data.size()];
    for (int s = 0; s < batch.length; s++) {
      batch[s] = data.get(s);
    }
    x = problem.inputs()[0];
    y = new double[sizes[sizes.length - 1]];
  }

  @Benchmark
  public double step() {
    for (MLDataPair pair : batch) {
      training.process(pair);
    }
    training.update();
    return training.getError();
  }

  @Benchmark
  public double predict() {
    network.compute(x, y);
    return y[0];
  }
}
