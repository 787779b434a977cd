package org.deltagen.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * DJL with the PyTorch engine (native libtorch, CPU): Linear blocks of the same sizes and
 * activations with deltagen's initial weights (the prediction is checked against deltagen's),
 * trained as DJL's EasyTrain does a batch: forward under a gradient collector, the loss, backward,
 * then one optimizer step. Squared error is DJL's L2 loss weighted to E = Σ(y − d)² (XOR, summed
 * over the batch) or (y − d)² (10-32-32-1); 784-128-10 uses its softmax cross-entropy on the
 * logits, averaged over the batch. Each step's temporary arrays are freed with the step. PyTorch is
 * held to one intra-op and one inter-op thread. DJL runs in float32, its default: with float64
 * parameters its Trainer.step() fails in 0.36.0 (its gradient check reads them as float), so the
 * prediction is checked at float's tolerance and DJL does its arithmetic in half the width.
 */
@State(Scope.Thread)
public class DjlBenchmark {
  @Param({"XOR", "TANH", "MNIST_1", "MNIST_32"})
  public Case problem;

  private Model model;
  private Trainer trainer;
  private NDManager data;
  private NDArray x;
  private NDArray d;
  private NDArray first;

  @Setup
  public void setUp() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    int[] sizes = problem.sizes();
    SequentialBlock network = new SequentialBlock();
    List<Linear> linears = new ArrayList<>();
    for (int l = 1; l < sizes.length; l++) {
      Linear linear = Linear.builder().setUnits(sizes[l]).build();
      linears.add(linear);
      network.add(linear);
      Block activation = activation(l == sizes.length - 1);
      if (activation != null) {
        network.add(activation);
      }
    }
    model = Model.newInstance("deltagen-benchmark", "PyTorch");
    model.setBlock(network);
    trainer = model.newTrainer(new DefaultTrainingConfig(loss()).optOptimizer(optimizer()));
    trainer.initialize(new Shape(problem.batch(), sizes[0]));
    double[] parameters = problem.initialParameters();
    for (int l = 1; l < sizes.length; l++) {
      copy(parameters, l, linears.get(l - 1));
    }
    data = trainer.getManager().newSubManager();
    x = data.create(Case.narrow(problem.inputs()));
    d = problem.name().startsWith("MNIST") ? data.create(toFloats(problem.labels()))
        : data.create(Case.narrow(problem.targets()));
    first = data.create(Case.narrow(problem.inputs())[0]).reshape(1, sizes[0]);
    SameWork.checkPrediction("DJL-PyTorch", problem, (input, y) -> {
      try (NDManager scope = data.newSubManager()) {
        NDArray in = scope.create(Case.narrow(new double[][] {input})[0]).reshape(1, sizes[0]);
        NDArray output = trainer.evaluate(new NDList(in)).singletonOrThrow();
        if (problem.name().startsWith("MNIST")) {
          output = output.softmax(-1);
        }
        float[] values = output.toFloatArray();
        for (int j = 0; j < y.length; j++) {
          y[j] = values[j];
        }
      }
    }, 1e-4);
  }

  @TearDown
  public void tearDown() {
    data.close();
    trainer.close();
    model.close();
  }

  @Benchmark
  public double step() {
    try (NDManager scope = data.newSubManager()) {
      NDList batch = new NDList(x, d);
      batch.tempAttach(scope);
      double error;
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
        NDArray loss = trainer.getLoss().evaluate(new NDList(d), new NDList(y));
        collector.backward(loss);
        error = loss.getFloat();
      }
      trainer.step();
      return error;
    }
  }

  @Benchmark
  public double predict() {
    try (NDManager scope = data.newSubManager()) {
      first.tempAttach(scope);
      return trainer.evaluate(new NDList(first)).singletonOrThrow().toFloatArray()[0];
    }
  }

  private Block activation(boolean output) {
    return switch (problem) {
      case XOR -> Activation.sigmoidBlock();
      case TANH -> output ? null : Activation.tanhBlock();
      default -> output ? null : Activation.reluBlock();
    };
  }

  private Loss loss() {
    return switch (problem) {
      // L2Loss is weight · ½(y − d)², averaged over the batch.
      case XOR -> Loss.l2Loss("sse", 2f * problem.batch());
      case TANH -> Loss.l2Loss("mse", 2f);
      default -> Loss.softmaxCrossEntropyLoss();
    };
  }

  private Optimizer optimizer() {
    return switch (problem) {
      case XOR -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
      case TANH -> Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).build();
      default -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build();
    };
  }

  /** deltagen's layer l into the Linear block's weight (n_l × n_{l-1}) and bias. */
  private void copy(double[] parameters, int l, Linear linear) {
    int[] sizes = problem.sizes();
    float[] weight = new float[sizes[l] * sizes[l - 1]];
    float[] bias = new float[sizes[l]];
    for (int j = 0; j < sizes[l]; j++) {
      bias[j] = (float) problem.weight(parameters, l, 0, j);
      for (int i = 1; i <= sizes[l - 1]; i++) {
        weight[j * sizes[l - 1] + i - 1] = (float) problem.weight(parameters, l, i, j);
      }
    }
    linear.getParameters().get("weight").getArray().set(FloatBuffer.wrap(weight));
    linear.getParameters().get("bias").getArray().set(FloatBuffer.wrap(bias));
  }

  private static float[] toFloats(int[] labels) {
    float[] values = new float[labels.length];
    for (int s = 0; s < labels.length; s++) {
      values[s] = labels[s];
    }
    return values;
  }
}
