package org.deltagen.network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.deltagen.symbolic.Formula;

/**
 * How a step turns the batch gradient g into a parameter update, each with the exact semantics
 * and defaults of its {@code torch.optim} namesake. Weight decay adds weightDecay·w to g (AdamW
 * instead shrinks w directly) and, as in torch, applies to biases too unless {@code decayBiases}
 * is false.
 */
public sealed interface Optimizer {

  /** Its descriptor: keyword, options and defaults. */
  OptimizerKind kind();

  /** The spec-file keyword. */
  default String keyword() {
    return kind().keyword();
  }

  /** η. */
  double learningRate();

  double weightDecay();

  boolean decayBiases();

  /** The value of the option named {@code option}, as {@link OptimizerKind#create} reads it; 1 for a true flag. */
  double value(String option);

  /** Its state arrays, in the fixed order the trainer declares and saves them. */
  List<StateArray> stateArrays();

  /**
   * The update rule, one clause per line of the report: the step on w, the state it reads, then g
   * and the hyper-parameters' values. {@code gradient} is g before any weight decay, and
   * {@code where} defines what it reads.
   */
  List<Formula> update(Formula gradient, List<Formula> where);

  /** False when weight decay shrinks w itself (AdamW) rather than adding λw to g. */
  default boolean decaysGradient() {
    return true;
  }

  /** {@code torch.optim.SGD}: momentum with dampening, Nesterov, L2 weight decay. */
  record Sgd(double learningRate, double momentum, double dampening, boolean nesterov, double weightDecay,
      boolean decayBiases) implements Optimizer {
    public Sgd {
      positive("learning rate", learningRate);
      nonNegative("momentum", momentum);
      nonNegative("dampening", dampening);
      nonNegative("weight decay", weightDecay);
      if (nesterov && (momentum <= 0 || dampening != 0)) {
        throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
      }
    }

    /** Plain gradient descent, Δw = −η g. */
    public Sgd(double learningRate) {
      this(learningRate, 0, 0, false, 0, true);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.SGD;
    }

    @Override
    public double value(String option) {
      return switch (option) {
        case "lr" -> learningRate;
        case "momentum" -> momentum;
        case "dampening" -> dampening;
        case "nesterov" -> nesterov ? 1 : 0;
        case "weight-decay" -> weightDecay;
        case "decay-biases" -> decayBiases ? 1 : 0;
        default -> throw new IllegalArgumentException(keyword() + " has no option " + option);
      };
    }

    @Override
    public List<StateArray> stateArrays() {
      return momentum > 0 ? List.of(StateArray.zeros("momentumBuffer", "The momentum buffer b.")) : List.of();
    }

    @Override
    public List<Formula> update(Formula gradient, List<Formula> where) {
      UpdateClauses rule = new UpdateClauses(this);
      if (momentum == 0) {
        return rule.add("w ← w − %1$s g", "w \\leftarrow w - %1$s\\, g", "lr").gradient(gradient, where)
            .withValues("lr");
      }
      rule.add(nesterov ? "w ← w − %1$s (g + %2$s b)" : "w ← w − %1$s b",
          nesterov ? "w \\leftarrow w - %1$s\\, (g + %2$s b)" : "w \\leftarrow w - %1$s\\, b", "lr", "momentum");
      if (dampening == 0) {
        return rule.add("b ← %1$s b + g", "b \\leftarrow %1$s b + g", "momentum").gradient(gradient, where)
            .withValues("lr", "momentum");
      }
      // torch starts the buffer at the first gradient, undamped; from zero, an undamped b needs no such note.
      return rule.add("b ← %1$s b + (1 − %2$s) g  (b = g at t = 1)",
              "b \\leftarrow %1$s b + (1 - %2$s)\\, g \\quad (b = g \\text{ at } t = 1)", "momentum", "dampening")
          .gradient(gradient, where).withValues("lr", "momentum", "dampening");
    }
  }

  /** {@code torch.optim.Adagrad}. */
  record Adagrad(double learningRate, double learningRateDecay, double weightDecay, double initialAccumulator,
      double eps, boolean decayBiases) implements Optimizer {
    public Adagrad {
      positive("learning rate", learningRate);
      nonNegative("learning-rate decay", learningRateDecay);
      nonNegative("weight decay", weightDecay);
      nonNegative("initial accumulator", initialAccumulator);
      nonNegative("eps", eps);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.ADAGRAD;
    }

    @Override
    public double value(String option) {
      return switch (option) {
        case "lr" -> learningRate;
        case "lr-decay" -> learningRateDecay;
        case "weight-decay" -> weightDecay;
        case "initial-accumulator" -> initialAccumulator;
        case "eps" -> eps;
        case "decay-biases" -> decayBiases ? 1 : 0;
        default -> throw new IllegalArgumentException(keyword() + " has no option " + option);
      };
    }

    @Override
    public List<StateArray> stateArrays() {
      return List.of(new StateArray("sum", "G, the running sum of squared gradients.", "initial-accumulator",
          initialAccumulator));
    }

    @Override
    public List<Formula> update(Formula gradient, List<Formula> where) {
      return new UpdateClauses(this)
          .add("w ← w − %1$s / (1 + (t − 1) %2$s) · g / (√G + %3$s)",
              "w \\leftarrow w - \\frac{%1$s}{1 + (t-1)\\, %2$s}\\,\\frac{g}{\\sqrt{G} + %3$s}",
              "lr", "lr-decay", "eps")
          .add("G ← G + g²", "G \\leftarrow G + g^2")
          .gradient(gradient, where)
          .withValues("lr", "lr-decay", "eps");
    }
  }

  /** {@code torch.optim.RMSprop}, optionally centered and with momentum. */
  record RmsProp(double learningRate, double alpha, double eps, double weightDecay, double momentum,
      boolean centered, boolean decayBiases) implements Optimizer {
    public RmsProp {
      positive("learning rate", learningRate);
      fraction("alpha", alpha);
      nonNegative("eps", eps);
      nonNegative("weight decay", weightDecay);
      nonNegative("momentum", momentum);
    }

    @Override
    public OptimizerKind kind() {
      return OptimizerKind.RMSPROP;
    }

    @Override
    public double value(String option) {
      return switch (option) {
        case "lr" -> learningRate;
        case "alpha" -> alpha;
        case "eps" -> eps;
        case "weight-decay" -> weightDecay;
        case "momentum" -> momentum;
        case "centered" -> centered ? 1 : 0;
        case "decay-biases" -> decayBiases ? 1 : 0;
        default -> throw new IllegalArgumentException(keyword() + " has no option " + option);
      };
    }

    @Override
    public List<StateArray> stateArrays() {
      List<StateArray> arrays = new ArrayList<>();
      arrays.add(StateArray.zeros("squareAverage", "v, the running average of squared gradients."));
      if (centered) {
        arrays.add(StateArray.zeros("gradientAverage", "ḡ, the running average of gradients (centered RMSprop)."));
      }
      if (momentum > 0) {
        arrays.add(StateArray.zeros("momentumBuffer", "The momentum buffer b."));
      }
      return List.copyOf(arrays);
    }

    @Override
    public List<Formula> update(Formula gradient, List<Formula> where) {
      UpdateClauses rule = new UpdateClauses(this);
      if (momentum > 0) {
        rule.add("w ← w − %1$s b", "w \\leftarrow w - %1$s\\, b", "lr")
            .add("b ← %1$s b + g / a", "b \\leftarrow %1$s b + \\frac{g}{a}", "momentum");
      } else {
        rule.add("w ← w − %1$s g / a", "w \\leftarrow w - %1$s\\, \\frac{g}{a}", "lr");
      }
      if (centered) {
        rule.add("a = √(v − ḡ²) + %1$s", "a = \\sqrt{v - \\bar g^2} + %1$s", "eps")
            .add("ḡ ← %1$s ḡ + (1 − %1$s) g", "\\bar g \\leftarrow %1$s \\bar g + (1 - %1$s)\\, g", "alpha");
      } else {
        rule.add("a = √v + %1$s", "a = \\sqrt{v} + %1$s", "eps");
      }
      return rule.add("v ← %1$s v + (1 − %1$s) g²", "v \\leftarrow %1$s v + (1 - %1$s)\\, g^2", "alpha")
          .gradient(gradient, where)
          .withValues(momentum > 0 ? new String[] {"lr", "alpha", "eps", "momentum"}
              : new String[] {"lr", "alpha", "eps"});
    }
  }

  /**
   * {@code torch.optim.Adam}, or with {@code decoupled} {@code torch.optim.AdamW}, whose weight
   * decay multiplies w by 1 − η·λ before the Adam step instead of adding λw to g.
   */
  record Adam(double learningRate, double beta1, double beta2, double eps, double weightDecay,
      boolean decoupled, boolean decayBiases) implements Optimizer {
    public Adam {
      positive("learning rate", learningRate);
      fraction("beta1", beta1);
      fraction("beta2", beta2);
      nonNegative("eps", eps);
      nonNegative("weight decay", weightDecay);
    }

    /** Adam, or AdamW when {@code decoupled}, from a value for each option. */
    static Adam of(ToDoubleFunction<String> value, boolean decoupled) {
      return new Adam(value.applyAsDouble("lr"), value.applyAsDouble("beta1"), value.applyAsDouble("beta2"),
          value.applyAsDouble("eps"), value.applyAsDouble("weight-decay"), decoupled,
          value.applyAsDouble("decay-biases") != 0);
    }

    @Override
    public OptimizerKind kind() {
      return decoupled ? OptimizerKind.ADAMW : OptimizerKind.ADAM;
    }

    @Override
    public double value(String option) {
      return switch (option) {
        case "lr" -> learningRate;
        case "beta1" -> beta1;
        case "beta2" -> beta2;
        case "eps" -> eps;
        case "weight-decay" -> weightDecay;
        case "decay-biases" -> decayBiases ? 1 : 0;
        default -> throw new IllegalArgumentException(keyword() + " has no option " + option);
      };
    }

    @Override
    public boolean decaysGradient() {
      return !decoupled;
    }

    @Override
    public List<StateArray> stateArrays() {
      return List.of(StateArray.zeros("firstMoment", "m, the running average of gradients."),
          StateArray.zeros("secondMoment", "v, the running average of squared gradients."));
    }

    @Override
    public List<Formula> update(Formula gradient, List<Formula> where) {
      UpdateClauses rule = new UpdateClauses(this)
          .add("w ← w − %1$s / (1 − %2$s^t) · m / (√v / √(1 − %3$s^t) + %4$s)",
              "w \\leftarrow w - \\frac{%1$s}{1 - %2$s^t}\\,\\frac{m}{\\sqrt{v}/\\sqrt{1 - %3$s^t} + %4$s}",
              "lr", "beta1", "beta2", "eps")
          .add("m ← %1$s m + (1 − %1$s) g", "m \\leftarrow %1$s m + (1 - %1$s)\\, g", "beta1")
          .add("v ← %1$s v + (1 − %1$s) g²", "v \\leftarrow %1$s v + (1 - %1$s)\\, g^2", "beta2");
      if (decoupled) {
        rule.shrink();
      }
      return rule.gradient(gradient, where).withValues("lr", "beta1", "beta2", "eps");
    }
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, not " + value);
    }
  }

  private static void nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be zero or more, not " + value);
    }
  }

  private static void fraction(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), not " + value);
    }
  }
}
