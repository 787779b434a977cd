package org.deltagen.network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.deltagen.symbolic.Formula;

/**
 * Writes an optimizer's update rule as clauses, each in text and in TeX, taking every
 * hyper-parameter's symbol from the optimizer's descriptor, so that β₁ is spelled only there.
 */
final class UpdateClauses {
  private final Optimizer optimizer;
  private final List<Formula> clauses = new ArrayList<>();

  UpdateClauses(Optimizer optimizer) {
    this.optimizer = optimizer;
  }

  /** A clause in both notations; {@code %1$s}, {@code %2$s}, … stand for the symbols of {@code options}. */
  UpdateClauses add(String text, String tex, String... options) {
    clauses.add(clause(text, tex, options));
    return this;
  }

  /** AdamW's decay: w shrinks by 1 − η λ before the step, instead of λ w joining g. */
  UpdateClauses shrink() {
    if (optimizer.weightDecay() > 0) {
      clauses.add(clause("w ← (1 − %1$s %2$s) w first", "w \\leftarrow (1 - %1$s%2$s)\\, w \\text{ first}",
          "lr", "weight-decay").then(biasesExempt()));
    }
    return this;
  }

  /**
   * g = {@code gradient} + λ w where the optimizer adds its weight decay to g, then the clauses
   * that define what {@code gradient} reads.
   */
  UpdateClauses gradient(Formula gradient, List<Formula> where) {
    Formula g = Formula.of("g = ", "g = ").then(gradient);
    if (optimizer.weightDecay() > 0 && optimizer.decaysGradient()) {
      g = g.then(clause(" + %1$s w", " + %1$s\\, w", "weight-decay")).then(biasesExempt());
    }
    clauses.add(g);
    clauses.addAll(where);
    return this;
  }

  /** The clauses, closed by the values of {@code options}, and of λ where there is weight decay. */
  List<Formula> withValues(String... options) {
    List<String> shown = new ArrayList<>(List.of(options));
    if (optimizer.weightDecay() > 0) {
      shown.add("weight-decay");
    }
    List<String> text = new ArrayList<>();
    List<String> tex = new ArrayList<>();
    for (String option : shown) {
      HyperParameter parameter = optimizer.kind().parameter(option);
      text.add(parameter.symbol() + " = " + optimizer.value(option));
      tex.add(parameter.tex() + " = " + texNumber(optimizer.value(option)));
    }
    clauses.add(Formula.of(String.join(", ", text), String.join(",\\ ", tex)));
    return List.copyOf(clauses);
  }

  /** As torch's parameter groups without decay on biases. */
  private Formula biasesExempt() {
    return optimizer.decayBiases() ? Formula.of("", "")
        : Formula.of(" (not for biases)", "\\ (\\text{not for biases})");
  }

  private Formula clause(String text, String tex, String... options) {
    return Formula.of(text.formatted(symbols(options, HyperParameter::symbol)),
        tex.formatted(symbols(options, HyperParameter::tex)));
  }

  private Object[] symbols(String[] options, Function<HyperParameter, String> notation) {
    return Stream.of(options).map(option -> notation.apply(optimizer.kind().parameter(option))).toArray();
  }

  /** {@code value} as Java writes it, a power of ten set as one: 1.0E-8 reads 10^{-8}. */
  static String texNumber(double value) {
    String text = Double.toString(value);
    int exponent = text.indexOf('E');
    if (exponent < 0) {
      return text;
    }
    String mantissa = text.substring(0, exponent);
    return (mantissa.equals("1.0") ? "" : mantissa + " \\times ") + "10^{" + text.substring(exponent + 1) + "}";
  }
}
