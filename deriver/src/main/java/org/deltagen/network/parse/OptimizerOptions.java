package org.deltagen.network.parse;

import java.util.Set;
import java.util.function.DoublePredicate;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Optimizer;
import org.deltagen.network.SpecException;

/** The options of each optimizer statement, with torch.optim's defaults. */
final class OptimizerOptions {
  private static final DoublePredicate POSITIVE = v -> v > 0;
  private static final DoublePredicate NON_NEGATIVE = v -> v >= 0;
  private static final DoublePredicate FRACTION = v -> v >= 0 && v < 1;

  private OptimizerOptions() {}

  static Optimizer read(String name, Line line) throws SpecException {
    return switch (name) {
      case "sgd" -> sgd(line);
      case "adagrad" -> adagrad(line);
      case "rmsprop" -> rmsprop(line);
      case "adam", "adamw" -> adam(line, name.equals("adamw"));
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static Optimizer sgd(Line line) throws SpecException {
    Options options = Options.of(line, 2,
        Set.of("lr", "momentum", "dampening", "nesterov", "weight-decay", "decay-biases"),
        "sgd takes lr, momentum, dampening, nesterov, weight-decay, decay-biases");
    double momentum = options.number("momentum", 0, NON_NEGATIVE, "zero or more");
    double dampening = options.number("dampening", 0, NON_NEGATIVE, "zero or more");
    boolean nesterov = options.bool("nesterov", false);
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw line.problem(ErrorCode.DG016, line.token(1).column(), "Nesterov momentum needs momentum > 0 and dampening 0",
          "e.g. optimizer sgd lr=0.1 momentum=0.9 nesterov=true");
    }
    return new Optimizer.Sgd(
        options.number("lr", Optimizer.Sgd.DEFAULT_LEARNING_RATE, POSITIVE, "a positive number"),
        momentum, dampening, nesterov, weightDecay(options, 0), options.bool("decay-biases", true));
  }

  private static Optimizer adagrad(Line line) throws SpecException {
    Options options = Options.of(line, 2,
        Set.of("lr", "lr-decay", "weight-decay", "initial-accumulator", "eps", "decay-biases"),
        "adagrad takes lr, lr-decay, weight-decay, initial-accumulator, eps, decay-biases");
    return new Optimizer.Adagrad(
        options.number("lr", 0.01, POSITIVE, "a positive number"),
        options.number("lr-decay", 0, NON_NEGATIVE, "zero or more"),
        weightDecay(options, 0),
        options.number("initial-accumulator", 0, NON_NEGATIVE, "zero or more"),
        options.number("eps", 1e-10, NON_NEGATIVE, "zero or more"),
        options.bool("decay-biases", true));
  }

  private static Optimizer rmsprop(Line line) throws SpecException {
    Options options = Options.of(line, 2,
        Set.of("lr", "alpha", "eps", "weight-decay", "momentum", "centered", "decay-biases"),
        "rmsprop takes lr, alpha, eps, weight-decay, momentum, centered, decay-biases");
    return new Optimizer.RmsProp(
        options.number("lr", 0.01, POSITIVE, "a positive number"),
        options.number("alpha", 0.99, FRACTION, "a number in [0, 1)"),
        options.number("eps", 1e-8, NON_NEGATIVE, "zero or more"),
        weightDecay(options, 0),
        options.number("momentum", 0, NON_NEGATIVE, "zero or more"),
        options.bool("centered", false),
        options.bool("decay-biases", true));
  }

  private static Optimizer adam(Line line, boolean decoupled) throws SpecException {
    String name = decoupled ? "adamw" : "adam";
    Options options = Options.of(line, 2,
        Set.of("lr", "beta1", "beta2", "eps", "weight-decay", "decay-biases"),
        name + " takes lr, beta1, beta2, eps, weight-decay, decay-biases");
    return new Optimizer.Adam(
        options.number("lr", 0.001, POSITIVE, "a positive number"),
        options.number("beta1", 0.9, FRACTION, "a number in [0, 1)"),
        options.number("beta2", 0.999, FRACTION, "a number in [0, 1)"),
        options.number("eps", 1e-8, NON_NEGATIVE, "zero or more"),
        weightDecay(options, decoupled ? 0.01 : 0),
        decoupled,
        options.bool("decay-biases", true));
  }

  private static double weightDecay(Options options, double fallback) throws SpecException {
    return options.number("weight-decay", fallback, NON_NEGATIVE, "zero or more");
  }
}
