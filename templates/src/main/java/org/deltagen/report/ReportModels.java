package org.deltagen.report;

import static org.deltagen.symbolic.Symbols.D;
import static org.deltagen.symbolic.Symbols.U;
import static org.deltagen.symbolic.Symbols.Y;
import static org.deltagen.symbolic.Symbols.Z;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deltagen.derive.ActivationDerivative;
import org.deltagen.derive.Derivation;
import org.deltagen.derive.DerivativeBound;
import org.deltagen.derive.LayerDerivation;
import org.deltagen.derive.OutputDerivation;
import org.deltagen.derive.Step;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Optimizer;
import org.deltagen.network.OptimizerKind;
import org.deltagen.symbolic.SymbolicEngine;
import org.deltagen.symbolic.TexForm;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

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
    Numbering numbering = new Numbering(derivation, implementedBy);
    int depth = spec.depth();
    List<ReportModel.Equation> network = new ArrayList<>();
    network.add(numbering.equation(derivation.weightedSumStep()));
    derivation.layers().forEach(layer -> network.add(numbering.equation(layer.activationStep())));
    network.add(numbering.equation(derivation.loss().errorStep()));
    List<ReportModel.Equation> output = new ArrayList<>();
    output.add(numbering.equation(derivation.loss().derivativeStep()));
    output.add(numbering.equation(derivation.layer(depth).derivativeStep()));
    OutputDerivation outputDerivation = derivation.output();
    if (outputDerivation.jacobianStep() != null) {
      output.add(numbering.equation(outputDerivation.jacobianStep()));
    }
    output.add(numbering.equation(derivation.layer(depth).deltaStep()));
    if (outputDerivation.cancellationStep() != null) {
      output.add(numbering.equation(outputDerivation.cancellationStep()));
    }
    List<ReportModel.Equation> hidden = new ArrayList<>();
    for (int l = depth - 1; l >= 1; l--) {
      hidden.add(numbering.equation(derivation.layer(l).derivativeStep()));
      hidden.add(numbering.equation(derivation.layer(l).deltaStep()));
    }
    return new ReportModel(
        spec.name(), spec.source(), generator, spec.loss().name(), spec.batch().keyword(),
        optimizer(spec), layers(spec), network,
        List.of(numbering.equation(derivation.step("goal")), numbering.equation(derivation.weightGradientStep())),
        output, hidden, derivatives(derivation), gradients(derivation, numbering), bounds(derivation),
        boundProduct(derivation), update(derivation, numbering), checks);
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

  private static List<ReportModel.DerivativeRow> derivatives(Derivation derivation) {
    List<ReportModel.DerivativeRow> rows = new ArrayList<>();
    for (LayerDerivation layer : derivation.layers()) {
      ActivationDerivative derivative = layer.derivative();
      rows.add(new ReportModel.DerivativeRow(layer.index(), layer.layer().activation().name(),
          TexForm.of(derivative.raw()), TexForm.of(derivative.simplified()),
          derivative.inZ() == null ? "" : TexForm.of(derivative.inZ()),
          switch (derivative.form()) {
            case CONSTANT -> "constant";
            case IN_U -> "from u";
            case IN_Z -> "from z";
          }));
    }
    return rows;
  }

  private static List<ReportModel.Equation> gradients(Derivation derivation, Numbering numbering) {
    NetworkSpec spec = derivation.spec();
    int depth = spec.depth();
    List<ReportModel.Equation> equations = new ArrayList<>();
    for (int l = depth; l >= 1; l--) {
      String w = "\\pd{E}{w^{(" + l + ")}_{ij}} = ";
      String input = "\\, z^{(" + (l - 1) + ")}_i";
      String tex = l == depth ? w + outputDelta(derivation.output(), depth) + input
          : w + "\\Bigl(\\sum_k \\delta^{(" + (l + 1) + ")}_k\\, w^{(" + (l + 1) + ")}_{jk}\\Bigr)"
              + factor(derivation.layer(l).derivative().chosen(), l) + input;
      equations.add(numbering.extra("gradient-" + l, tex,
          "δ from (" + derivation.layer(l).deltaStep().number() + ") times the unit's input; z^" + (l - 1) + "_0 = 1 for the bias row"));
    }
    return equations;
  }

  private static String outputDelta(OutputDerivation output, int depth) {
    if (output.needsJacobianProduct()) {
      return "y_j\\Bigl(g_j - \\sum_k g_k\\, y_k\\Bigr)";
    }
    Map<ISymbol, String> names = Map.of(Y, "y_j", D, "d_j", U, "u^{(" + depth + ")}_j", Z, "z^{(" + depth + ")}_j");
    return "\\Bigl(" + TexForm.of(output.delta(), names) + "\\Bigr)";
  }

  private static String factor(IExpr derivative, int l) {
    return derivative.isOne() ? ""
        : "\\Bigl(" + TexForm.of(derivative, Map.of(U, "u^{(" + l + ")}_j", Z, "z^{(" + l + ")}_j")) + "\\Bigr)";
  }

  private List<ReportModel.BoundRow> bounds(Derivation derivation) {
    List<ReportModel.BoundRow> rows = new ArrayList<>();
    for (LayerDerivation layer : hiddenLayers(derivation)) {
      DerivativeBound bound = DerivativeBound.of(layer.derivative(), engine);
      rows.add(new ReportModel.BoundRow(layer.index(), layer.layer().activation().name(),
          String.format(Locale.ROOT, "%.4f", bound.maximum()),
          String.format(Locale.ROOT, "%.2f", bound.at() + 0.0).replace("-0.00", "0.00")));
    }
    return rows;
  }

  private String boundProduct(Derivation derivation) {
    List<LayerDerivation> hidden = hiddenLayers(derivation);
    if (hidden.isEmpty()) {
      return "The network has no hidden layer, so δ passes through no activation derivative on its way back.";
    }
    double product = 1;
    for (LayerDerivation layer : hidden) {
      product *= DerivativeBound.of(layer.derivative(), engine).maximum();
    }
    return String.format(Locale.ROOT,
        "A δ reaching layer 1 has been multiplied by %d activation derivative(s); apart from the weights,"
            + " that scales it by at most %.4g.", hidden.size(), product);
  }

  private static List<LayerDerivation> hiddenLayers(Derivation derivation) {
    return derivation.layers().subList(0, derivation.spec().depth() - 1);
  }

  /** Equation numbers: the derivation's own, then report-only equations after the last step. */
  private static final class Numbering {
    private final Map<String, String> implementedBy;
    private int next;

    Numbering(Derivation derivation, Map<String, String> implementedBy) {
      this.implementedBy = new HashMap<>(implementedBy);
      this.next = derivation.steps().size() + 1;
    }

    ReportModel.Equation equation(Step step) {
      return new ReportModel.Equation(step.number(), step.label(), step.tex(), Prose.tex(step.justification()),
          implementedBy.getOrDefault(step.label(), ""));
    }

    ReportModel.Equation extra(String label, String tex, String justification) {
      return new ReportModel.Equation(next++, label, tex, Prose.tex(justification), "");
    }
  }
}
