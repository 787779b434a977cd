package org.deltagen.derive;

import java.util.List;
import java.util.Objects;

/**
 * One labelled equation of a derivation, in the order seed 001 derives it and the report presents
 * it: the equation, why it holds, and the symbols it introduces. The report typesets steps;
 * generated code cites their numbers ({@code // (eq. 8)}).
 *
 * @param number the equation number, from 1, in derivation order
 * @param label a stable label such as {@code delta-output} or {@code derivative-2}
 * @param kind what the step is about
 * @param layer the layer it concerns, or 0 when it concerns the whole network
 * @param equation what it states, as a value with text and LaTeX forms
 */
public record Step(int number, String label, Kind kind, int layer, Equation equation) {

  /** What a step is about. */
  public enum Kind {
    WEIGHTED_SUM,
    ACTIVATION,
    /** z^l = f_l(u^l) + z^k. */
    SKIP,
    /** z^l = m^l ⊙ f_l(u^l), inverted dropout in training. */
    DROPOUT,
    ERROR,
    GOAL,
    WEIGHT_GRADIENT,
    LOSS_DERIVATIVE,
    ACTIVATION_DERIVATIVE,
    OUTPUT_DELTA,
    HIDDEN_DELTA,
    /** ∂f_l/∂a and ∂E/∂a^l for a learnable parameter of layer l's activation. */
    ACTIVATION_PARAMETER,
    /** ∂E/∂z^l of a layer whose skip passes it back to z^k. */
    OUTPUT_GRADIENT,
    /** û^l from u^l forward; δ^l through μ and σ², ∂E/∂β^l and ∂E/∂γ^l backward. */
    NORM,
    UPDATE
  }

  public Step {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(equation, "equation");
  }

  /** The same step (same number and label) stated for layer l, as code that implements it for l cites it. */
  Step forLayer(int l, Equation instantiated) {
    return new Step(number, label, kind, l, instantiated);
  }

  /** The equation as one line of text, in the report's notation. */
  public String statement() {
    return equation.text();
  }

  /** The equation in LaTeX math mode, using the report's \pd{f}{x} macro. */
  public String tex() {
    return equation.tex();
  }

  /** Why it holds, in a sentence. */
  public String justification() {
    return equation.why();
  }

  /** The symbols this step defines. */
  public List<String> introduces() {
    return equation.introduces();
  }

  /** {@code (eq. 7) δ^2_j = …}, the form generated code cites. */
  public String citation() {
    return "(eq. " + number + ") " + statement();
  }
}
