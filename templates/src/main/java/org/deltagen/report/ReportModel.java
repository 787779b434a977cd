package org.deltagen.report;

import java.util.List;
import java.util.Objects;

/**
 * The typed model of {@code report.tex.ftl}: every value the template reads, none optional, so a
 * missing value fails here rather than as a hole in the PDF. Strings named {@code tex} are LaTeX
 * the derivation typeset and are inserted unescaped; all others are escaped.
 *
 * @param network the network's name
 * @param source the spec file
 * @param generator deltagen and its version
 * @param loss the loss's name
 * @param batch how a batch combines errors
 * @param optimizer the optimizer's description
 * @param layers one row per layer, 0 (the inputs) to L
 * @param drawingTex the network drawn, a TikZ picture
 * @param pathsDrawingTex the sum over paths of unit 1 of layer pathsLayer drawn, a TikZ picture; empty
 *     without a hidden layer
 * @param pathsLayer the hidden layer the paths drawing follows; 0 without one
 * @param networkEquations weighted sum, activations, error
 * @param goalEquations the goal and ∂E/∂w = δ z
 * @param penaltyEquations the L1 penalty on the batch error and its gradient; empty without one
 * @param outputEquations ∂E/∂y, f_L', and the output δ (with softmax's Jacobian and any cancellation)
 * @param hiddenEquations f_l' and δ^l for l = L−1 down to 1
 * @param derivatives f' per layer as derived, simplified and rewritten
 * @param gradientEquations the final ∂E/∂w per layer, unnumbered: they restate (6) with each δ written out
 * @param bounds max |f'| per hidden layer
 * @param boundProduct their product, or an explanation when there are no hidden layers
 * @param skipBoundTex with skips, the bound along their identity paths against the product; empty without
 * @param updateEquations the optimizer's update
 * @param checks the gradient check and the brute-force proof, as run
 */
public record ReportModel(
    String network,
    String source,
    String generator,
    String loss,
    String batch,
    String optimizer,
    List<LayerRow> layers,
    String drawingTex,
    String pathsDrawingTex,
    int pathsLayer,
    List<Equation> networkEquations,
    List<Equation> goalEquations,
    List<Equation> penaltyEquations,
    List<Equation> outputEquations,
    List<Equation> hiddenEquations,
    List<DerivativeRow> derivatives,
    List<Equation> gradientEquations,
    List<BoundRow> bounds,
    String boundProduct,
    String skipBoundTex,
    List<Equation> updateEquations,
    List<Check> checks) {

  public ReportModel {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(boundProduct, "boundProduct");
    Objects.requireNonNull(skipBoundTex, "skipBoundTex");
    Objects.requireNonNull(drawingTex, "drawingTex");
    Objects.requireNonNull(pathsDrawingTex, "pathsDrawingTex");
    layers = List.copyOf(layers);
    networkEquations = List.copyOf(networkEquations);
    goalEquations = List.copyOf(goalEquations);
    penaltyEquations = List.copyOf(penaltyEquations);
    outputEquations = List.copyOf(outputEquations);
    hiddenEquations = List.copyOf(hiddenEquations);
    derivatives = List.copyOf(derivatives);
    gradientEquations = List.copyOf(gradientEquations);
    bounds = List.copyOf(bounds);
    updateEquations = List.copyOf(updateEquations);
    checks = List.copyOf(checks);
  }

  /**
   * An equation, laid out by the template one aligned line per right side: the same number the
   * generated code cites (0 for a display without a number); why it holds, in LaTeX.
   *
   * @param left the left side in LaTeX, or the whole statement when {@code rights} is empty
   * @param rights the chain of right sides, in LaTeX
   * @param conditions side conditions and definitions, in LaTeX, one line each
   */
  public record Equation(
      int number, String label, String left, List<String> rights, List<String> conditions, String justificationTex,
      String method) {
    public Equation {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(left, "left");
      rights = List.copyOf(rights);
      conditions = List.copyOf(conditions);
      Objects.requireNonNull(justificationTex, "justificationTex");
      Objects.requireNonNull(method, "method");
    }
  }

  /** Layer l: n_l units, its activation, whether it has a bias row, its block's shape. */
  public record LayerRow(int index, int units, String activation, String bias, String block) {}

  /** f_l' as Symja derived it (raw), simplified, and in z where that was found. */
  public record DerivativeRow(int layer, String activation, String rawTex, String simplifiedTex, String zTex, String form) {}

  /** max |f_l'(u)| and where it is attained. */
  public record BoundRow(int layer, String activation, String maximum, String at) {}

  /** One check as run: what was compared, the worst parameter, the numbers, the verdict. */
  public record Check(
      String title, String scope, String worst, String first, String second, String error, String tolerance, boolean passed) {}
}
