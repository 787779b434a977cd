package org.example.modular;

/** Trains the generated trainer a few steps, so the module's code uses it. */
public final class App {
  private App() {}

  public static double train() {
    Tiny net = new Tiny();
    double[][] xs = {{-1}, {0}, {1}};
    double[][] ds = {{1}, {0}, {1}};
    double error = 0;
    for (int i = 0; i < 10; i++) {
      error = net.step(xs, ds);
    }
    return error;
  }
}
