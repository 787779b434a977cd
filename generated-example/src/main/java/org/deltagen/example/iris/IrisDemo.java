package org.deltagen.example.iris;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.Locale;

/**
 * An iris classifier trained with the class the build generated from {@code iris.nn}: a seeded,
 * stratified split of Fisher's 150 flowers into 120 for training and 30 for testing, features
 * standardized with the training set's statistics, Adam on mini-batches, then the test accuracy;
 * then the parameters saved, loaded into a new classifier, and its predictions.
 */
public final class IrisDemo {
  /** Flowers of each species held out for the test set. */
  public static final int TEST_PER_SPECIES = 10;
  /** The seed of the split. */
  public static final long SPLIT_SEED = 1;
  public static final int EPOCHS = 50;
  public static final int BATCH_SIZE = 16;

  private IrisDemo() {}

  /** A trained classifier, the standardizer its inputs need, and the data it was trained and tested on. */
  public record Trained(IrisClassifier classifier, Standardizer standardizer, IrisData.Split split) {
    /** The probability of each species, y = z^L, for a flower's raw measurements in centimetres. */
    public double[] probabilities(double[] measurements) {
      double[] y = new double[IrisClassifier.OUTPUTS];
      classifier.predict(standardizer.apply(measurements), y);
      return y;
    }

    /** The most probable species for a flower's raw measurements. */
    public int predict(double[] measurements) {
      double[] y = probabilities(measurements);
      int best = 0;
      for (int j = 1; j < y.length; j++) {
        best = y[j] > y[best] ? j : best;
      }
      return best;
    }

    /**
     * This classifier's parameters saved to {@code file} and loaded into a new {@link
     * IrisClassifier}: what an application that trains once and predicts later does. The
     * standardizer's eight numbers are the application's to keep; this one keeps them in memory.
     */
    public Trained reloaded(Path file) throws IOException {
      classifier.save(file);
      IrisClassifier loaded = new IrisClassifier();
      loaded.load(file);
      return new Trained(loaded, standardizer, split);
    }

    /** How many of {@code data}'s flowers it classifies correctly. */
    public int correct(IrisData data) {
      int correct = 0;
      for (int s = 0; s < data.size(); s++) {
        correct += predict(data.features()[s]) == data.species()[s] ? 1 : 0;
      }
      return correct;
    }
  }

  /**
   * Splits with {@code splitSeed}, standardizes and trains, printing the mean training loss every
   * {@code every} epochs (0: never).
   */
  public static Trained train(long splitSeed, int every) {
    IrisData.Split split = IrisData.load().split(TEST_PER_SPECIES, splitSeed);
    Standardizer standardizer = Standardizer.fit(split.train().features());
    double[][] xs = standardizer.apply(split.train().features());
    double[][] ds = split.train().oneHot();
    IrisClassifier classifier = new IrisClassifier();
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      classifier.fit(xs, ds, 1, BATCH_SIZE);
      if (every > 0 && (epoch == 1 || epoch % every == 0)) {
        System.out.printf(Locale.ROOT, "epoch %3d: mean cross-entropy on the training set %.4f%n",
            epoch, meanLoss(classifier, xs, ds));
      }
    }
    return new Trained(classifier, standardizer, split);
  }

  /** The mean of the per-sample error E over a data set. */
  private static double meanLoss(IrisClassifier classifier, double[][] xs, double[][] ds) {
    double sum = 0;
    for (int s = 0; s < xs.length; s++) {
      sum += classifier.loss(xs[s], ds[s]);
    }
    return sum / xs.length;
  }

  /** The test accuracy of a classifier trained on each of the splits seeded 1 … {@code splits}. */
  public static double[] accuracyAcrossSplits(int splits) {
    double[] accuracies = new double[splits];
    for (int seed = 1; seed <= splits; seed++) {
      Trained trained = train(seed, 0);
      accuracies[seed - 1] = (double) trained.correct(trained.split().test()) / trained.split().test().size();
    }
    return accuracies;
  }

  /** Trains and evaluates; saves the parameters to {@code args[0]}, or to a temporary file it then deletes. */
  public static void main(String[] args) throws IOException {
    IrisData all = IrisData.load();
    System.out.printf(Locale.ROOT, "Iris: %d flowers; %d for training, %d for testing (%d per species, seed %d)%n",
        all.size(), all.size() - 3 * TEST_PER_SPECIES, 3 * TEST_PER_SPECIES, TEST_PER_SPECIES, SPLIT_SEED);
    System.out.printf(Locale.ROOT, "IrisClassifier (iris.nn: 4 → 16 tanh → 3 softmax, %d parameters),"
        + " Adam, %d epochs of mini-batches of %d%n", IrisClassifier.PARAMETERS, EPOCHS, BATCH_SIZE);
    Trained trained = train(SPLIT_SEED, 20);
    IrisData train = trained.split().train();
    IrisData test = trained.split().test();
    System.out.printf(Locale.ROOT, "training accuracy: %d/%d%n", trained.correct(train), train.size());
    System.out.printf(Locale.ROOT, "test accuracy:     %d/%d = %.1f%%%n",
        trained.correct(test), test.size(), 100.0 * trained.correct(test) / test.size());
    Path file = args.length > 0 ? Path.of(args[0]) : Files.createTempFile("iris-classifier", ".params");
    Trained loaded = trained.reloaded(file);
    System.out.printf(Locale.ROOT, "saved the parameters to %s (%d bytes); a new IrisClassifier loaded from it%n",
        args.length > 0 ? file : "a temporary file", Files.size(file));
    System.out.printf(Locale.ROOT, "classifies the test set %d/%d; three of its flowers"
        + " (sepal length, sepal width, petal length, petal width in cm):%n", loaded.correct(test), test.size());
    for (int s = 0; s < test.size(); s += test.size() / 3) {
      double[] x = test.features()[s];
      double[] p = loaded.probabilities(x);
      System.out.printf(Locale.ROOT, "  %s -> %s (p = %.3f %.3f %.3f); it is %s%n", Arrays.toString(x),
          IrisData.SPECIES.get(loaded.predict(x)), p[0], p[1], p[2], IrisData.SPECIES.get(test.species()[s]));
    }
    if (args.length == 0) {
      Files.delete(file);
    }
    DoubleSummaryStatistics others = Arrays.stream(accuracyAcrossSplits(30)).summaryStatistics();
    System.out.printf(Locale.ROOT, "the same training on the 30 splits seeded 1 … 30: test accuracy %.1f%% on average,"
        + " %.1f%% at worst, %.1f%% at best%n", 100 * others.getAverage(), 100 * others.getMin(), 100 * others.getMax());
  }
}
