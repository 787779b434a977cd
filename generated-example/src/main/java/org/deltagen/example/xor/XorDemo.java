package org.deltagen.example.xor;

import java.util.Locale;

/**
 * Seed 000's XOR network, trained with the class the build generated from {@code xor.nn}: the
 * seed's initial weights (from {@code xor.params}), η = 0.1, E = Σ(y − d)² summed over the four
 * samples, 10000 full-batch epochs. Prints the outputs of the last epoch's forward pass, as the
 * seed's script does.
 */
public final class XorDemo {
  /** The four XOR samples, x = (x1, x2). */
  public static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  /** Their targets, d = x1 XOR x2. */
  public static final double[][] TARGETS = {{0}, {1}, {1}, {0}};
  /** The seed's number of epochs. */
  public static final int EPOCHS = 10_000;

  private XorDemo() {}

  /**
   * Trains {@code xor} for {@code epochs} full-batch epochs and returns the outputs of the last
   * epoch's forward pass, which, as in the seed, comes before that epoch's update.
   */
  public static double[] train(Xor xor, int epochs) {
    double[] outputs = new double[INPUTS.length];
    for (int epoch = 0; epoch < epochs; epoch++) {
      outputs = predict(xor);
      xor.step(INPUTS, TARGETS);
    }
    return outputs;
  }

  /** y for each of the four samples. */
  public static double[] predict(Xor xor) {
    double[] outputs = new double[INPUTS.length];
    double[] y = new double[Xor.OUTPUTS];
    for (int s = 0; s < INPUTS.length; s++) {
      xor.predict(INPUTS[s], y);
      outputs[s] = y[0];
    }
    return outputs;
  }

  public static void main(String[] args) {
    Xor xor = new Xor();
    double[] outputs = train(xor, EPOCHS);
    System.out.println("XOR, seed 000's 2-2-1 sigmoid network, " + EPOCHS + " full-batch epochs from the seed's weights");
    System.out.println("x1  x2  d | y (last epoch's forward pass)");
    for (int s = 0; s < INPUTS.length; s++) {
      System.out.printf(Locale.ROOT, "%-3.0f %-3.0f %.0f | %.3f  (%s)%n",
          INPUTS[s][0], INPUTS[s][1], TARGETS[s][0], outputs[s], outputs[s]);
    }
  }
}
