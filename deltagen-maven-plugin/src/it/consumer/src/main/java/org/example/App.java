package org.example;

import com.example.xor.Xor;
import org.example.nets.Tiny;

/** Application code that uses the generated trainers like any other class of the project. */
public final class App {
  private App() {}

  /** Trains seed 000's XOR network for {@code epochs} full-batch epochs and returns its outputs. */
  public static double[] trainXor(int epochs) {
    double[][] xs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    double[][] ds = {{0}, {1}, {1}, {0}};
    Xor xor = new Xor();
    for (int epoch = 0; epoch < epochs; epoch++) {
      xor.step(xs, ds);
    }
    double[] outputs = new double[xs.length];
    double[] y = new double[Xor.OUTPUTS];
    for (int s = 0; s < xs.length; s++) {
      xor.predict(xs[s], y);
      outputs[s] = y[0];
    }
    return outputs;
  }

  /** Fits y = x² on [−1, 1] and returns the mean loss before and after. */
  public static double[] fitTiny(int epochs) {
    double[][] xs = new double[21][1];
    double[][] ds = new double[21][1];
    for (int s = 0; s < xs.length; s++) {
      xs[s][0] = -1 + s / 10.0;
      ds[s][0] = xs[s][0] * xs[s][0];
    }
    Tiny tiny = new Tiny();
    double before = meanLoss(tiny, xs, ds);
    tiny.fit(xs, ds, epochs, 7);
    return new double[] {before, meanLoss(tiny, xs, ds)};
  }

  private static double meanLoss(Tiny tiny, double[][] xs, double[][] ds) {
    double sum = 0;
    for (int s = 0; s < xs.length; s++) {
      sum += tiny.loss(xs[s], ds[s]);
    }
    return sum / xs.length;
  }

  public static void main(String[] args) {
    System.out.println(java.util.Arrays.toString(trainXor(10_000)));
  }
}
