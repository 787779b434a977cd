package org.deltagen.derive;

import java.util.List;
import java.util.Objects;

/**
 * One labelled equation of a derivation, in the order seed 001 derives it: what it states, why it
 * holds, and the symbols it introduces. The report typesets steps; generated code cites their
 * numbers ({@code // (eq. 8)}).
 *
 * @param number the equation number, from 1, in derivation order
 * @param label a stable label such as {@code delta-output} or {@code derivative-2}
 * @param kind what the step is about
 * @param layer the layer it concerns, or 0 when it concerns the whole network
 * @param statement the equation in the notation of seed 001, as plain text
 * @param tex the same equation in LaTeX math mode, using the report's \pd{f}{x} macro
 * @param justification why it holds, in a sentence
 * @param introduces the symbols this step defines
 */
public record Step(
    int number,
    String label,
    Kind kind,
    int layer,
    String statement,
    String tex,
    String justification,
    List<String> introduces) {

  /** What a step is about. */
  public enum Kind {
    WEIGHTED_SUM,
    ACTIVATION,
    ERROR,
    GOAL,
    WEIGHT_GRADIENT,
    LOSS_DERIVATIVE,
    ACTIVATION_DERIVATIVE,
    OUTPUT_DELTA,
    HIDDEN_DELTA,
    UPDATE
  }

  public Step {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(kind, "kind");
    // Symja's toString breaks long expressions over lines; a statement is one line.
    statement = Objects.requireNonNull(statement, "statement").replaceAll("\\s*\\R\\s*", "");
    Objects.requireNonNull(tex, "tex");
    justification = Objects.requireNonNull(justification, "justification").replaceAll("\\s*\\R\\s*", "");
    introduces = List.copyOf(introduces);
  }

  /** {@code (eq. 7) δ^2_j = …}, the form generated code cites. */
  public String citation() {
    return "(eq. " + number + ") " + statement;
  }
}
