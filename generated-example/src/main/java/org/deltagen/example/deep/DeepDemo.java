package org.deltagen.example.deep;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleBiFunction;

/**
 * Seed 002's vanishing gradient, measured: the same deep sigmoid network on the handwritten
 * digits, generated once from {@code deep-plain.nn} and once from each remedy's spec beside it,
 * trained alike from the same initial weights (the specs' {@code init}), side by side. Before
 * training it takes the gradient that reaches the first and the last layer; during training, the
 * mean cross-entropy on the training set; after, the test accuracy.
 */
public final class DeepDemo {
  /** Images of each digit held out for the test set. */
  public static final int TEST_PER_DIGIT = 36;
  /** The seed of the split. */
  public static final long SPLIT_SEED = 1;
  public static final int EPOCHS = 20;
  public static final int BATCH_SIZE = 32;
  /** Hidden layers of each network; the output layer is layer HIDDEN_LAYERS + 1 = L. */
  public static final int HIDDEN_LAYERS = 10;
  /** Units of each hidden layer. */
  public static final int WIDTH = 32;
  /** The epochs after which the training loss is printed. */
  public static final List<Integer> SHOWN = List.of(0, 1, 2, 5, 10, 15, 20);

  /**
   * The variants, one spec file each, all else the same: the plain net first, then each remedy,
   * then both; batch norm and dropout last.
   */
  public static final List<Variant> VARIANTS = List.of(
      variant("deep-plain.nn", "nothing", DeepPlain.PARAMETERS, DeepPlain::new,
          n -> new Network(n::fit, n::loss, n::predict,
              perSample(n::zeroGradients, n::backward), n::gradients)),
      variant("deep-norm.nn", "norm=layer", DeepNorm.PARAMETERS, DeepNorm::new,
          n -> new Network(n::fit, n::loss, n::predict,
              perSample(n::zeroGradients, n::backward), n::gradients)),
      variant("deep-skip.nn", "skip=1…9", DeepSkip.PARAMETERS, DeepSkip::new,
          n -> new Network(n::fit, n::loss, n::predict,
              perSample(n::zeroGradients, n::backward), n::gradients)),
      variant("deep-residual.nn", "skip=1…9 norm=layer", DeepResidual.PARAMETERS, DeepResidual::new,
          n -> new Network(n::fit, n::loss, n::predict,
              perSample(n::zeroGradients, n::backward), n::gradients)),
      variant("deep-batch.nn", "norm=batch", DeepBatch.PARAMETERS, DeepBatch::new,
          n -> new Network(n::fit, n::loss, n::predict, n::batchGradient, n::gradients)),
      variant("deep-dropout.nn", "skip=1…9 norm=layer dropout=0.1", DeepDropout.PARAMETERS,
          DeepDropout::new,
          n -> new Network(n::fit, n::loss, n::predict,
              perSample(n::zeroGradients, n::backward), n::gradients)));

  private DeepDemo() {}

  /** A generated trainer's {@code fit(xs, ds, epochs, batchSize)}. */
  @FunctionalInterface
  public interface Fit {
    void fit(double[][] xs, double[][] ds, int epochs, int batchSize);
  }

  /**
   * A generated trainer's {@code batchGradient(xs, ds)}: clears {@code gradients()} and leaves
   * ∂(Σ_s E_s)/∂w of the whole set there, in training mode.
   */
  @FunctionalInterface
  public interface BatchGradient {
    double batchGradient(double[][] xs, double[][] ds);
  }

  /**
   * The batch gradient of a trainer whose samples are independent: cleared, then one {@code
   * backward} per sample. A batch-normed trainer has no gradient of one sample alone and
   * computes the set's as one batch, its statistics the set's.
   */
  private static BatchGradient perSample(Runnable zeroGradients,
      ToDoubleBiFunction<double[], double[]> backward) {
    return (xs, ds) -> {
      zeroGradients.run();
      double error = 0;
      for (int s = 0; s < xs.length; s++) {
        error += backward.applyAsDouble(xs[s], ds[s]);
      }
      return error;
    };
  }

  /** What the demo uses of a generated trainer, as its methods. */
  public record Network(Fit fit, ToDoubleBiFunction<double[][], double[][]> meanLoss,
      BiConsumer<double[], double[]> predict, BatchGradient batchGradient,
      Supplier<double[]> gradients) {
    /**
     * ‖∂Ē/∂W^1‖ and ‖∂Ē/∂W^L‖ at the current parameters, Ē the mean of E over the data set: the
     * first and last layers' weight blocks, which open and close the parameter layout (the first
     * layer's β and γ follow its weights).
     */
    double[] weightGradientNorms(double[][] xs, double[][] ds) {
      batchGradient.batchGradient(xs, ds);
      double[] g = gradients.get();
      double first = norm(g, 0, (DigitsData.PIXELS + 1) * WIDTH) / xs.length;
      double last = norm(g, g.length - (WIDTH + 1) * DigitsData.DIGITS, g.length) / xs.length;
      return new double[] {first, last};
    }

    private static double norm(double[] g, int from, int to) {
      double squares = 0;
      for (int p = from; p < to; p++) {
        squares += g[p] * g[p];
      }
      return Math.sqrt(squares);
    }

    /** How many of {@code data}'s images it classifies correctly. */
    int correct(DigitsData data) {
      double[][] xs = data.inputs();
      double[] y = new double[DigitsData.DIGITS];
      int correct = 0;
      for (int s = 0; s < xs.length; s++) {
        predict.accept(xs[s], y);
        int best = 0;
        for (int j = 1; j < y.length; j++) {
          best = y[j] > y[best] ? j : best;
        }
        correct += best == data.digits()[s] ? 1 : 0;
      }
      return correct;
    }
  }

  /** A spec file of {@code src/main/deltagen}, what it adds to the plain net, and its trainer. */
  public record Variant(String spec, String remedy, int parameters, Supplier<Network> network) {}

  /** The variant of a generated class: {@code network} adapts a new instance of it. */
  private static <T> Variant variant(String spec, String remedy, int parameters, Supplier<T> trainer,
      Function<T, Network> network) {
    return new Variant(spec, remedy, parameters, () -> network.apply(trainer.get()));
  }

  /**
   * One variant trained: ‖∂Ē/∂W^1‖ and ‖∂Ē/∂W^L‖ before training, the mean training
   * cross-entropy before training (index 0) and after each epoch (index epoch), and the images
   * classified correctly after.
   */
  public record Run(Variant variant, double[] firstAndLastGradients, double[] losses,
      int correctTrain, int correctTest) {
    public double finalLoss() {
      return losses[losses.length - 1];
    }
  }

  /**
   * Trains every variant on {@code split}'s training set, each from its spec's initial weights;
   * the variants share nothing, so they train side by side, one thread each.
   */
  public static List<Run> run(DigitsData.Split split) {
    double[][] xs = split.train().inputs();
    double[][] ds = split.train().oneHot();
    return VARIANTS.parallelStream().map(variant -> train(variant, split, xs, ds)).toList();
  }

  private static Run train(Variant variant, DigitsData.Split split, double[][] xs, double[][] ds) {
    Network network = variant.network().get();
    double[] gradients = network.weightGradientNorms(xs, ds);
    double[] losses = new double[EPOCHS + 1];
    losses[0] = network.meanLoss().applyAsDouble(xs, ds);
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      network.fit().fit(xs, ds, 1, BATCH_SIZE);
      losses[epoch] = network.meanLoss().applyAsDouble(xs, ds);
    }
    return new Run(variant, gradients, losses, network.correct(split.train()),
        network.correct(split.test()));
  }

  /** The demo's split: {@link #TEST_PER_DIGIT} of each digit to test, seed {@link #SPLIT_SEED}. */
  public static DigitsData.Split split() {
    return DigitsData.load().split(TEST_PER_DIGIT, SPLIT_SEED);
  }

  public static void main(String[] args) {
    DigitsData.Split split = split();
    int train = split.train().size();
    int test = split.test().size();
    System.out.printf(Locale.ROOT, "Digits: %d images of 8×8 pixels in 0 … 16, x = pixel / 16;%n"
        + "%d for training, %d for testing (%d of each digit, seed %d)%n",
        train + test, train, test, TEST_PER_DIGIT, SPLIT_SEED);
    System.out.printf(Locale.ROOT, "Each network: 64 → %d × %d sigmoid → 10 softmax, cross-entropy,"
        + " xavier init (seed 1),%nSGD η = 0.05 with momentum 0.9, %d epochs of mini-batches of %d%n",
        HIDDEN_LAYERS, WIDTH, EPOCHS, BATCH_SIZE);
    List<Run> runs = run(split);
    row("", runs, r -> r.variant().spec());
    row("adds to the plain net", runs, r -> r.variant().remedy());
    row("parameters", runs, r -> Integer.toString(r.variant().parameters()));
    for (int end = 0; end < 2; end++) {
      int which = end;
      row("‖∂Ē/∂W^" + (end == 0 ? 1 : HIDDEN_LAYERS + 1) + "‖ before training", runs,
          r -> String.format(Locale.ROOT, "%.2e", r.firstAndLastGradients()[which]));
    }
    System.out.println("mean cross-entropy on the training set:");
    for (int epoch : SHOWN) {
      String label = epoch == 0 ? "  before training" : String.format(Locale.ROOT, "  after epoch %2d", epoch);
      row(label, runs, r -> String.format(Locale.ROOT, "%.4f", r.losses()[epoch]));
    }
    row("training accuracy", runs, r -> percent(r.correctTrain(), train));
    row("test accuracy", runs, r -> percent(r.correctTest(), test));
  }

  private static String percent(int correct, int of) {
    return String.format(Locale.ROOT, "%d/%d = %.1f%%", correct, of, 100.0 * correct / of);
  }

  private static void row(String label, List<Run> runs, Function<Run, String> cell) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", label));
    for (Run run : runs) {
      line.append(String.format(Locale.ROOT, "  %-19s", cell.apply(run)));
    }
    System.out.println(line.toString().stripTrailing());
  }
}
