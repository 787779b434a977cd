package org.deltagen.example.iris;

/** What an application computes with a classifier's outputs: the predicted class and the mean loss. */
final class Classifiers {
  private Classifiers() {}

  /** The index of the largest output y_j for the (standardized) input {@code x}. */
  static int species(IrisClassifier classifier, double[] x) {
    double[] y = new double[IrisClassifier.OUTPUTS];
    classifier.predict(x, y);
    int best = 0;
    for (int j = 1; j < y.length; j++) {
      best = y[j] > y[best] ? j : best;
    }
    return best;
  }

  /** The mean of the per-sample error E over a data set. */
  static double meanLoss(IrisClassifier classifier, double[][] xs, double[][] ds) {
    double sum = 0;
    for (int s = 0; s < xs.length; s++) {
      sum += classifier.loss(xs[s], ds[s]);
    }
    return sum / xs.length;
  }
}
