package org.deltagen.cli;

import java.util.Arrays;
import java.util.Random;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/**
 * Inputs and targets, one row per sample, and how {@code train} splits them.
 *
 * @param xs the inputs x
 * @param ds the targets d
 */
record Samples(double[][] xs, double[][] ds) {
  /** The pair of a training set and the held-out set that validates and evaluates it. */
  record Split(Samples training, Samples heldOut) {}

  int size() {
    return xs.length;
  }

  /**
   * A shuffled split, seeded: {@code fraction} of the rows (rounded, at least one) held out, the
   * rest for training; too few rows for both is a problem of {@code file}.
   */
  Split split(double fraction, long seed, String file) throws SpecException {
    int held = (int) Math.max(1, Math.round(fraction * size()));
    if (size() - held < 1) {
      throw CsvTable.problem(new SourceLocation(file, 0, 0), "has " + size() + " rows, too few to hold "
          + held + " out and train on the rest", "give more rows, a smaller --split, or a --test file");
    }
    int[] order = new int[size()];
    Arrays.setAll(order, s -> s);
    Random random = new Random(seed);
    for (int s = order.length - 1; s > 0; s--) {
      int other = random.nextInt(s + 1);
      int swap = order[s];
      order[s] = order[other];
      order[other] = swap;
    }
    return new Split(rows(order, held, size()), rows(order, 0, held));
  }

  private Samples rows(int[] order, int from, int to) {
    double[][] x = new double[to - from][];
    double[][] d = new double[to - from][];
    for (int s = from; s < to; s++) {
      x[s - from] = xs[order[s]];
      d[s - from] = ds[order[s]];
    }
    return new Samples(x, d);
  }
}
