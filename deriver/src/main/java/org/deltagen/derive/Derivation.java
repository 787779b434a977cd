package org.deltagen.derive;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.deltagen.network.NetworkSpec;

/**
 * ∂E/∂w for one network, derived by the chain rule: the numbered steps in the order of seed 001,
 * and the graph of operations, each with the derivative and equations that code generation and
 * the report consume. A value: it holds no engine and does no I/O.
 */
public final class Derivation {
  private final NetworkSpec spec;
  private final List<Step> steps;
  private final Step weightedSumStep;
  private final Step weightGradientStep;
  private final Step updateStep;
  private final OperationGraph graph;
  private final Penalty penalty;

  Derivation(
      NetworkSpec spec,
      List<Step> steps,
      OperationGraph graph,
      Step weightedSumStep,
      Step weightGradientStep,
      Step updateStep,
      Penalty penalty) {
    this.spec = Objects.requireNonNull(spec);
    this.steps = List.copyOf(steps);
    this.weightedSumStep = Objects.requireNonNull(weightedSumStep);
    this.weightGradientStep = Objects.requireNonNull(weightGradientStep);
    this.updateStep = Objects.requireNonNull(updateStep);
    this.graph = Objects.requireNonNull(graph);
    this.penalty = penalty;
  }

  public NetworkSpec spec() {
    return spec;
  }

  /** Every step, numbered from 1 in derivation order. */
  public List<Step> steps() {
    return steps;
  }

  /**
   * The network as operations over named vectors, in forward order, each with its equations, its
   * derivative and its δ contribution.
   */
  public OperationGraph graph() {
    return graph;
  }

  /** Every operation, in forward order; {@code graph().operations()}. */
  public List<Operation> operations() {
    return graph.operations();
  }

  /** Whether some operation computes differently in training than in evaluation ({@link Operation#modal()}). */
  public boolean modal() {
    return graph.operations().stream().anyMatch(Operation::modal);
  }

  /** E and ∂E/∂y, as the graph's loss holds them. */
  public LossDerivation loss() {
    return graph.loss().loss();
  }

  /** How δ^L is computed from the loss and the output layer. */
  public OutputDerivation output() {
    return graph.loss().delta();
  }

  /** u^l_j = Σ_i w^l_{ij} z^{l-1}_i, for every l; {@code graph().weightedSum(l).forward()} states it for one. */
  public Step weightedSumStep() {
    return weightedSumStep;
  }

  /** ∂E/∂w^l_{ij} = δ^l_j z^{l-1}_i, for every l; {@code graph().weightedSum(l).gradient()} states it for one. */
  public Step weightGradientStep() {
    return weightGradientStep;
  }

  /** w ← w − η ∂E_batch/∂w. */
  public Step updateStep() {
    return updateStep;
  }

  /** The L1 penalty on the weights, if the spec has one. */
  public Optional<Penalty> penalty() {
    return Optional.ofNullable(penalty);
  }

  /** The label of the step that adds the L1 penalty to the batch error, present with a penalty. */
  public static final String PENALTY = "penalty";

  /** The label of the step that derives the L1 penalty's gradient, present with a penalty. */
  public static final String PENALTY_GRADIENT = "penalty-gradient";

  /** The label of the learning-rate schedule's step, present when the spec has a schedule or warm-up. */
  public static final String SCHEDULE = "schedule";

  /** The step of the learning-rate schedule, if the spec has one. */
  public Optional<Step> scheduleStep() {
    return steps.stream().filter(step -> step.label().equals(SCHEDULE)).findFirst();
  }

  /** The step labelled {@code label}. */
  public Step step(String label) {
    return steps.stream()
        .filter(step -> step.label().equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step labelled " + label));
  }
}
