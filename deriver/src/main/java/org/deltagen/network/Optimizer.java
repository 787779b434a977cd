package org.deltagen.network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

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
   * The update in text, e.g. {@code g = … ; w ← w − η g,  η = 0.1}, given g, the batch gradient,
   * as text.
   */
  String updateText(String gradient);

  /** The update in TeX, given g, the batch gradient, as TeX. */
  String updateTex(String gradient);

  /** False when weight decay shrinks w itself (AdamW) rather than adding λw to g. */
  default boolean decaysGradient() {
    return true;
  }

  /** The weight-decay term of g in text, e.g. {@code " + 0.01 w"}; empty without one. */
  default String decayText() {
    if (weightDecay() == 0 || !decaysGradient()) {
      return "";
    }
    return " + " + weightDecay() + " w" + (decayBiases() ? "" : " (not for biases)");
  }

  /** The weight-decay term of g in TeX. */
  default String decayTex() {
    if (weightDecay() == 0 || !decaysGradient()) {
      return "";
    }
    return " + " + weightDecay() + "\\, w" + (decayBiases() ? "" : "\\ (\\text{not biases})");
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
    public String updateText(String gradient) {
      return "g = " + gradient + decayText() + (momentum == 0 ? "; w ← w − η g"
          : "; b ← " + momentum + " b + " + (1 - dampening) + " g (b = g at t = 1); w ← w − η "
              + (nesterov ? "(g + " + momentum + " b)" : "b")) + ",  η = " + learningRate;
    }

    @Override
    public String updateTex(String gradient) {
      String g = "g=" + gradient + decayTex();
      return momentum == 0
          ? "w \\leftarrow w - \\eta\\, g, \\qquad " + g + ", \\qquad \\eta=" + learningRate
          : "w \\leftarrow w - \\eta\\, " + (nesterov ? "(g + \\mu b)" : "b") + ", \\qquad b \\leftarrow \\mu b + "
              + (1 - dampening) + "\\, g, \\qquad " + g + ", \\qquad \\eta=" + learningRate + ",\\ \\mu="
              + momentum;
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
    public String updateText(String gradient) {
      return "g = " + gradient + decayText() + "; G ← G + g²; w ← w − η / (1 + (t − 1) " + learningRateDecay
          + ") · g / (√G + " + eps + "),  η = " + learningRate;
    }

    @Override
    public String updateTex(String gradient) {
      return "w \\leftarrow w - \\frac{\\eta}{1 + (t-1)\\," + learningRateDecay
          + "}\\,\\frac{g}{\\sqrt{G} + \\epsilon}, \\qquad G \\leftarrow G + g^2, \\qquad g=" + gradient + decayTex()
          + ", \\qquad \\eta=" + learningRate;
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
    public String updateText(String gradient) {
      return "g = " + gradient + decayText() + "; v ← " + alpha + " v + " + (1 - alpha) + " g²"
          + (centered ? "; ḡ ← α ḡ + (1 − α) g; a = √(v − ḡ²) + ε" : "; a = √v + ε")
          + (momentum > 0 ? "; b ← " + momentum + " b + g / a; w ← w − η b" : "; w ← w − η g / a")
          + ",  η = " + learningRate + ", ε = " + eps;
    }

    @Override
    public String updateTex(String gradient) {
      return "w \\leftarrow w - \\eta\\, " + (momentum > 0 ? "b, \\qquad b \\leftarrow "
          + momentum + "\\, b + \\frac{g}{a}" : "\\frac{g}{a}") + ", \\qquad a=" + (centered
          ? "\\sqrt{v - \\bar g^2} + \\epsilon, \\qquad \\bar g \\leftarrow \\alpha \\bar g + (1-\\alpha)\\, g"
          : "\\sqrt{v} + \\epsilon") + ", \\qquad v \\leftarrow \\alpha v + (1-\\alpha)\\, g^2, \\qquad g="
          + gradient + decayTex() + ", \\qquad \\eta=" + learningRate + ",\\ \\alpha=" + alpha;
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
    public String updateText(String gradient) {
      return (decoupled ? "w ← (1 − η λ) w, λ = " + weightDecay + "; g = " + gradient : "g = " + gradient + decayText())
          + "; m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²; w ← w − η/(1 − β1^t) · m / (√v / √(1 − β2^t) + ε),"
          + "  η = " + learningRate + ", β1 = " + beta1 + ", β2 = " + beta2 + ", ε = " + eps;
    }

    @Override
    public String updateTex(String gradient) {
      return "w \\leftarrow w - \\frac{\\eta}{1-\\beta_1^t}\\,\\frac{m}{\\sqrt{v}/\\sqrt{1-\\beta_2^t} + \\epsilon},"
          + " \\qquad m \\leftarrow \\beta_1 m + (1-\\beta_1)\\, g, \\qquad v \\leftarrow \\beta_2 v + (1-\\beta_2)\\, g^2, \\qquad "
          + (decoupled ? "w \\leftarrow (1 - \\eta\\lambda)\\, w \\text{ first}, \\qquad g = " + gradient : "g=" + gradient + decayTex())
          + ", \\qquad \\eta=" + learningRate + ",\\ \\beta_1=" + beta1 + ",\\ \\beta_2=" + beta2;
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
