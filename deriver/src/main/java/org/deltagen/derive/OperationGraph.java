package org.deltagen.derive;

import java.util.List;
import java.util.stream.Collectors;
import org.deltagen.network.NetworkSpec;
import org.deltagen.symbolic.Formula;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The network as an ordered list of operations over named vectors, in forward order: for each
 * layer its weighted sum and its activation, then the loss. Backward, δ of a vector is the sum
 * over the operations that consume it (seed 001's sum over paths), whatever their number.
 */
public final class OperationGraph {
  private final List<Operation> operations;

  OperationGraph(List<Operation> operations) {
    this.operations = List.copyOf(operations);
  }

  /** Layer l's weighted sum, its generic steps instantiated for l. */
  static WeightedSum weightedSum(NetworkSpec spec, int l, Step weightedSumStep, Step weightGradientStep) {
    String previous = String.valueOf(l - 1);
    Step forward = weightedSumStep.forLayer(l, NetworkEquations.weightedSum(
        String.valueOf(l), previous, String.valueOf(spec.units(l - 1)), spec.layer(l).bias()));
    Step gradient = weightGradientStep.forLayer(l, NetworkEquations.weightGradient(String.valueOf(l), previous));
    return new WeightedSum(l, spec.layer(l), spec.weightOffset(l), spec.weightRows(l), spec.units(l), forward,
        gradient);
  }

  /** Every operation, in forward order. */
  public List<Operation> operations() {
    return operations;
  }

  /** The operations that read {@code vector}. */
  public List<Operation> consumers(Vector vector) {
    return operations.stream().filter(operation -> operation.inputs().contains(vector)).toList();
  }

  /** The operation that writes {@code vector}. */
  public Operation producer(Vector vector) {
    return operations.stream().filter(operation -> operation.output().equals(vector)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no operation writes " + vector.text()));
  }

  /** ∂E/∂v_j: the sum, over the operations that consume v, of what each passes back to it. */
  public Formula delta(Vector vector) {
    List<Formula> terms = consumers(vector).stream().map(operation -> operation.deltaContribution(vector)).toList();
    if (terms.isEmpty()) {
      throw new IllegalArgumentException(vector.text() + " does not reach E");
    }
    return Formula.of(terms.stream().map(Formula::text).collect(Collectors.joining(" + ")),
        terms.stream().map(Formula::tex).collect(Collectors.joining(" + ")));
  }

  /** Layer l's weighted sum, u^l = W^l z^{l-1}. */
  public WeightedSum weightedSum(int l) {
    return (WeightedSum) producer(Vector.u(l));
  }

  /** Layer l's activation: an {@link ElementwiseActivation}, or a {@link Softmax} for an output layer. */
  public LayerActivation activation(int l) {
    return operations.stream()
        .filter(operation -> operation instanceof LayerActivation activation && activation.layer() == l)
        .map(LayerActivation.class::cast).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no activation of layer " + l));
  }

  /** Layer l's normalization, or null when u^l is not normalized. */
  public Normalization normalization(int l) {
    return operations.stream()
        .filter(operation -> operation instanceof Normalization norm && norm.layer() == l)
        .map(Normalization.class::cast).findFirst().orElse(null);
  }

  /** Layer l's dropout, or null where its activation is not dropped out. */
  public InvertedDropout dropout(int l) {
    return operations.stream()
        .filter(operation -> operation instanceof InvertedDropout dropout && dropout.layer() == l)
        .map(InvertedDropout.class::cast).findFirst().orElse(null);
  }

  /** The skips of the network, z^l = f_l(u^l) + z^k, in forward order. */
  public List<SkipConnection> skips() {
    return operations.stream().filter(SkipConnection.class::isInstance).map(SkipConnection.class::cast).toList();
  }

  /**
   * ∂E/∂w^l_{ij} with δ^l written out: the output rule's δ for l = L, the sum over the consumers
   * of z^l times f_l' below it.
   */
  public Equation gradient(int l) {
    LayerActivation activation = activation(l);
    Normalization norm = normalization(l);
    if (norm != null) {
      return NetworkEquations.substitutedGradient(l, Notation.parenthesized(NormEquations.compact(l, norm.norm())), norm.paths());
    }
    int depth = loss().depth();
    Formula delta;
    if (l == depth) {
      OutputDerivation output = loss().delta();
      delta = output.needsJacobianProduct() ? OutputEquations.jacobianProduct()
          : Notation.parenthesized(Notation.output(output.delta(), depth, "j"));
    } else {
      IExpr chosen = activation.derivative().chosen();
      Formula sum = Notation.parenthesized(delta(Vector.z(l)));
      InvertedDropout dropout = dropout(l);
      if (dropout != null) {
        sum = sum.then(Formula.of(" · ", "\\, ")).then(dropout.mask());
      }
      delta = sum.then(Notation.factor(Notation.unit(chosen, l, "j"), chosen));
    }
    return NetworkEquations.substitutedGradient(l, delta, activation.deltaStep());
  }

  /** The loss, E from y and d. */
  public LossOperation loss() {
    return (LossOperation) producer(Vector.ERROR);
  }

  static void requireInput(Operation operation, Vector input) {
    if (!operation.inputs().contains(input)) {
      throw new IllegalArgumentException(operation.output().text() + " does not read " + input.text());
    }
  }
}
