package org.deltagen.network;

import static org.deltagen.network.HyperParameter.Range.FRACTION;
import static org.deltagen.network.HyperParameter.Range.NON_NEGATIVE;
import static org.deltagen.network.HyperParameter.Range.POSITIVE;
import static org.deltagen.network.HyperParameter.flag;
import static org.deltagen.network.HyperParameter.number;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The descriptor of each optimizer: its keyword and its hyper-parameters in the order a spec lists
 * them, with {@code torch.optim}'s defaults. The parser, the derivation and the code writer read
 * keywords, defaults and names from here; the update rule lives on the {@link Optimizer} records.
 */
public enum OptimizerKind implements Descriptor {
  SGD("sgd", "torch.optim.SGD", List.of(learningRate(0.01),
      number("momentum", 0, NON_NEGATIVE, "μ", "\\mu", "MOMENTUM"),
      number("dampening", 0, NON_NEGATIVE, "τ", "\\tau", "DAMPENING"),
      flag("nesterov", false), weightDecay(0), flag("decay-biases", true))) {
    @Override
    public Optimizer create(ToDoubleFunction<String> value) {
      return new Optimizer.Sgd(value.applyAsDouble("lr"), value.applyAsDouble("momentum"),
          value.applyAsDouble("dampening"), value.applyAsDouble("nesterov") != 0,
          value.applyAsDouble("weight-decay"), value.applyAsDouble("decay-biases") != 0);
    }
  },
  ADAGRAD("adagrad", "torch.optim.Adagrad", List.of(learningRate(0.01),
      number("lr-decay", 0, NON_NEGATIVE, "κ", "\\kappa", "LEARNING_RATE_DECAY"), weightDecay(0),
      number("initial-accumulator", 0, NON_NEGATIVE, "G₀", "G_0", "INITIAL_ACCUMULATOR"),
      eps(1e-10), flag("decay-biases", true))) {
    @Override
    public Optimizer create(ToDoubleFunction<String> value) {
      return new Optimizer.Adagrad(value.applyAsDouble("lr"), value.applyAsDouble("lr-decay"),
          value.applyAsDouble("weight-decay"), value.applyAsDouble("initial-accumulator"),
          value.applyAsDouble("eps"), value.applyAsDouble("decay-biases") != 0);
    }
  },
  RMSPROP("rmsprop", "torch.optim.RMSprop", List.of(learningRate(0.01),
      number("alpha", 0.99, FRACTION, "α", "\\alpha", "ALPHA"), eps(1e-8), weightDecay(0),
      number("momentum", 0, NON_NEGATIVE, "μ", "\\mu", "MOMENTUM"), flag("centered", false),
      flag("decay-biases", true))) {
    @Override
    public Optimizer create(ToDoubleFunction<String> value) {
      return new Optimizer.RmsProp(value.applyAsDouble("lr"), value.applyAsDouble("alpha"),
          value.applyAsDouble("eps"), value.applyAsDouble("weight-decay"), value.applyAsDouble("momentum"),
          value.applyAsDouble("centered") != 0, value.applyAsDouble("decay-biases") != 0);
    }
  },
  ADAM("adam", "torch.optim.Adam", adam(0)) {
    @Override
    public Optimizer create(ToDoubleFunction<String> value) {
      return Optimizer.Adam.of(value, false);
    }
  },
  ADAMW("adamw", "torch.optim.AdamW", adam(0.01)) {
    @Override
    public Optimizer create(ToDoubleFunction<String> value) {
      return Optimizer.Adam.of(value, true);
    }
  };

  private final Entry entry;

  /** An optimizer takes any of its options, so its usage line lists them all. */
  OptimizerKind(String keyword, String torchName, List<HyperParameter> parameters) {
    String options = parameters.stream().map(HyperParameter::option).collect(Collectors.joining(", "));
    this.entry = new Entry(keyword, torchName, parameters, keyword + " takes " + options);
  }

  private static HyperParameter learningRate(double defaultValue) {
    return number("lr", defaultValue, POSITIVE, "η", "\\eta", "LEARNING_RATE");
  }

  private static HyperParameter weightDecay(double defaultValue) {
    return number("weight-decay", defaultValue, NON_NEGATIVE, "λ", "\\lambda", "WEIGHT_DECAY");
  }

  private static HyperParameter eps(double defaultValue) {
    return number("eps", defaultValue, NON_NEGATIVE, "ε", "\\epsilon", "EPS");
  }

  private static List<HyperParameter> adam(double weightDecay) {
    return List.of(learningRate(0.001), number("beta1", 0.9, FRACTION, "β₁", "\\beta_1", "BETA1"),
        number("beta2", 0.999, FRACTION, "β₂", "\\beta_2", "BETA2"), eps(1e-8), weightDecay(weightDecay),
        flag("decay-biases", true));
  }

  /** Builds this optimizer from a value for each of its options, e.g. {@code "lr"}. */
  public abstract Optimizer create(ToDoubleFunction<String> value);

  /** This optimizer with every hyper-parameter at its default. */
  public Optimizer withDefaults() {
    return create(this::defaultOf);
  }

  /** Its keyword, which the generated trainer also records in saved state, and its options. */
  @Override
  public Entry entry() {
    return entry;
  }
}
