package org.deltagen.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.deltagen.derive.ActivationDerivative;
import org.deltagen.derive.Derivation;
import org.deltagen.derive.DerivativeBound;
import org.deltagen.derive.Equation;
import org.deltagen.derive.LayerActivation;
import org.deltagen.derive.LearnedGradient;
import org.deltagen.derive.LossOperation;
import org.deltagen.derive.OperationGraph;
import org.deltagen.derive.Normalization;
import org.deltagen.derive.SkipConnection;
import org.deltagen.derive.Step;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.OptimizerKind;
import org.deltagen.symbolic.Formula;
import org.deltagen.symbolic.SymbolicEngine;

/** Builds the report's model from a derivation, the checks that were run and the code's citations. */
public final class ReportModels {
  private final SymbolicEngine engine;

  public ReportModels(SymbolicEngine engine) {
    this.engine = engine;
  }

  /**
   * The model for {@code derivation}; {@code implementedBy} maps step labels to the generated
   * methods that cite them.
   */
  public ReportModel build(
      Derivation derivation, List<ReportModel.Check> checks, Map<String, String> implementedBy, String generator) {
    NetworkSpec spec = derivation.spec();
    OperationGraph graph = derivation.graph();
    Numbering numbering = new Numbering(implementedBy);
    int depth = spec.depth();
    List<ReportModel.Equation> network = new ArrayList<>();
    network.add(numbering.equation(derivation.weightedSumStep()));
    for (int l = 1; l <= depth; l++) {
      int layer = l;
      if (graph.normalization(l) != null) {
        network.add(numbering.equation(graph.normalization(l).forward()));
      }
      network.add(numbering.equation(graph.activation(l).forward()));
      if (graph.dropout(l) != null) {
        network.add(numbering.equation(graph.dropout(l).forward()));
      }
      network.addAll(skips(graph, skip -> skip.layer() == layer, numbering, SkipConnection::forward));
    }
    network.add(numbering.equation(graph.loss().forward()));
    NetworkDrawing drawing = new NetworkDrawing(spec);
    return new ReportModel(
        spec.name(), spec.source(), generator, spec.loss().name(), spec.batch().keyword(),
        optimizer(spec), layers(spec), drawing.forward(),
        Objects.requireNonNullElse(drawing.backward(), ""), drawing.pathsLayer(), network,
        List.of(numbering.equation(derivation.step("goal")), numbering.equation(derivation.weightGradientStep())),
        penalty(derivation, numbering),
        output(graph, numbering), hidden(graph, depth, numbering), derivatives(graph, depth),
        gradients(graph, depth, numbering), bounds(graph, depth), boundProduct(graph, depth),
        SkipBound.tex(spec, maxima(graph, depth)), update(derivation, numbering), checks);
  }

  /** The L1 penalty and its gradient, if the spec has one. */
  private static List<ReportModel.Equation> penalty(Derivation derivation, Numbering numbering) {
    return derivation.penalty().isEmpty() ? List.of()
        : List.of(numbering.equation(derivation.step(Derivation.PENALTY)),
            numbering.equation(derivation.step(Derivation.PENALTY_GRADIENT)));
  }

  /** ∂E/∂y, f_L', and δ^L, with a softmax's Jacobian before it and any cancellation after. */
  private static List<ReportModel.Equation> output(OperationGraph graph, Numbering numbering) {
    LossOperation loss = graph.loss();
    List<ReportModel.Equation> output = new ArrayList<>();
    output.add(numbering.equation(loss.loss().derivativeStep()));
    output.add(numbering.equation(graph.activation(loss.depth()).derivativeStep()));
    if (loss.delta().jacobianStep() != null) {
      output.add(numbering.equation(loss.delta().jacobianStep()));
    }
    output.add(numbering.equation(graph.activation(loss.depth()).deltaStep()));
    if (loss.delta().cancellationStep() != null) {
      output.add(numbering.equation(loss.delta().cancellationStep()));
    }
    return output;
  }

  /**
   * f_l' and δ^l for each hidden layer, going back, with ∂f_l/∂a and ∂E/∂a^l for each learnable a,
   * and for a normalized layer δ^l through μ and σ² and ∂E/∂γ^l, ∂E/∂β^l.
   */
  private static List<ReportModel.Equation> hidden(OperationGraph graph, int depth, Numbering numbering) {
    List<ReportModel.Equation> hidden = new ArrayList<>();
    for (int l = depth - 1; l >= 1; l--) {
      int layer = l;
      hidden.add(numbering.equation(graph.activation(l).derivativeStep()));
      hidden.addAll(skips(graph, skip -> skip.layer() == layer, numbering, SkipConnection::outputGradient));
      hidden.add(numbering.equation(graph.activation(l).deltaStep()));
      for (LearnedGradient parameter : graph.activation(l).learned()) {
        hidden.add(numbering.equation(parameter.derivativeStep()));
        hidden.add(numbering.equation(parameter.gradientStep()));
      }
      Normalization norm = graph.normalization(l);
      if (norm != null) {
        // f_l' gave ∂E/∂û^l; through the norm's three paths it becomes δ^l, and β^l, γ^l get theirs.
        hidden.add(numbering.equation(norm.paths()));
        hidden.add(numbering.equation(norm.parameterGradient()));
      }
    }
    return hidden;
  }

  /** The chosen step of each skip that {@code which} selects. */
  private static List<ReportModel.Equation> skips(OperationGraph graph, Predicate<SkipConnection> which,
      Numbering numbering, Function<SkipConnection, Step> step) {
    return graph.skips().stream().filter(which).map(step).map(numbering::equation).toList();
  }

  /** max |f_l'| by layer l, for the hidden layers 1 … L − 1 (index 0 unused). */
  private double[] maxima(OperationGraph graph, int depth) {
    double[] maxima = new double[depth];
    for (int l = 1; l < depth; l++) {
      maxima[l] = DerivativeBound.of(graph.activation(l), engine).maximum();
    }
    return maxima;
  }

  /** The optimizer's update, then the learning rate's schedule when there is one. */
  private static List<ReportModel.Equation> update(Derivation derivation, Numbering numbering) {
    List<ReportModel.Equation> update = new ArrayList<>();
    update.add(numbering.equation(derivation.updateStep()));
    derivation.scheduleStep().ifPresent(step -> update.add(numbering.equation(step)));
    return update;
  }

  private static String optimizer(NetworkSpec spec) {
    Optimizer optimizer = spec.optimizer();
    return optimizer.kind() == OptimizerKind.SGD
        ? optimizer.keyword() + ", learning rate " + optimizer.learningRate() : optimizer.keyword();
  }

  private static List<ReportModel.LayerRow> layers(NetworkSpec spec) {
    List<ReportModel.LayerRow> rows = new ArrayList<>();
    rows.add(new ReportModel.LayerRow(0, spec.inputs(), "input", "", ""));
    for (int l = 1; l <= spec.depth(); l++) {
      rows.add(new ReportModel.LayerRow(l, spec.units(l), spec.layer(l).activation().name(),
          spec.layer(l).bias() ? "yes" : "no", spec.weightRows(l) + " × " + spec.units(l)));
    }
    return rows;
  }

  private static List<ReportModel.DerivativeRow> derivatives(OperationGraph graph, int depth) {
    List<ReportModel.DerivativeRow> rows = new ArrayList<>();
    for (int l = 1; l <= depth; l++) {
      LayerActivation layer = graph.activation(l);
      ActivationDerivative derivative = layer.derivative();
      rows.add(new ReportModel.DerivativeRow(l, layer.spec().activation().name(),
          Formula.of(derivative.raw()).tex(), Formula.of(derivative.simplified()).tex(),
          derivative.inZ() == null ? "" : Formula.of(derivative.inZ()).tex(),
          switch (derivative.form()) {
            case CONSTANT -> "constant";
            case IN_U -> "from u";
            case IN_Z -> "from z";
          }));
    }
    return rows;
  }

  /** ∂E/∂w per layer with δ written out; they restate (6), so they take no number of their own. */
  private static List<ReportModel.Equation> gradients(OperationGraph graph, int depth, Numbering numbering) {
    List<ReportModel.Equation> equations = new ArrayList<>();
    for (int l = depth; l >= 1; l--) {
      equations.add(numbering.unnumbered("gradient-" + l, graph.gradient(l)));
    }
    return equations;
  }

  private List<ReportModel.BoundRow> bounds(OperationGraph graph, int depth) {
    List<ReportModel.BoundRow> rows = new ArrayList<>();
    for (LayerActivation layer : hiddenLayers(graph, depth)) {
      DerivativeBound bound = DerivativeBound.of(layer, engine);
      rows.add(new ReportModel.BoundRow(layer.layer(), layer.spec().activation().name(),
          String.format(Locale.ROOT, "%.4f", bound.maximum()),
          String.format(Locale.ROOT, "%.2f", bound.at() + 0.0).replace("-0.00", "0.00")));
    }
    return rows;
  }

  private String boundProduct(OperationGraph graph, int depth) {
    List<LayerActivation> hidden = hiddenLayers(graph, depth);
    if (hidden.isEmpty()) {
      return "The network has no hidden layer, so δ passes through no activation derivative on its way back.";
    }
    double product = 1;
    for (LayerActivation layer : hidden) {
      product *= DerivativeBound.of(layer, engine).maximum();
    }
    return String.format(Locale.ROOT,
        "A δ reaching layer 1 has been multiplied by %d activation derivative(s); apart from the weights,"
            + " that scales it by at most %.4g.", hidden.size(), product);
  }

  private static List<LayerActivation> hiddenLayers(OperationGraph graph, int depth) {
    List<LayerActivation> hidden = new ArrayList<>();
    for (int l = 1; l < depth; l++) {
      hidden.add(graph.activation(l));
    }
    return hidden;
  }

  /** Each step under the derivation's own number, which is the order the report shows them. */
  private static final class Numbering {
    private final Map<String, String> implementedBy;

    Numbering(Map<String, String> implementedBy) {
      this.implementedBy = Map.copyOf(implementedBy);
    }

    ReportModel.Equation equation(Step step) {
      return of(step.number(), step.label(), step.equation(), implementedBy.getOrDefault(step.label(), ""));
    }

    ReportModel.Equation unnumbered(String label, Equation equation) {
      return of(0, label, equation, "");
    }

    private static ReportModel.Equation of(int number, String label, Equation equation, String method) {
      return new ReportModel.Equation(number, label, equation.left().tex(),
          equation.rights().stream().map(Formula::tex).toList(),
          equation.conditions().stream().map(Formula::tex).toList(), Prose.tex(equation.why()), method);
    }
  }
}
