package org.deltagen.derive;

import static org.deltagen.symbolic.Symbols.D;
import static org.deltagen.symbolic.Symbols.U;
import static org.deltagen.symbolic.Symbols.Y;
import static org.deltagen.symbolic.Symbols.Z;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Schedule;
import org.deltagen.symbolic.TexForm;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Numbers the steps in the order seed 001 derives them, each as plain text (for code comments and
 * the console) and as LaTeX (for the report). In LaTeX, layer indices are parenthesized
 * superscripts, w^{(l)}_{ij}, as in the report's notation table.
 */
final class StepWriter {
  private final NetworkSpec spec;
  private final List<Step> steps = new ArrayList<>();

  StepWriter(NetworkSpec spec) {
    this.spec = spec;
  }

  Derivation write(
      List<ActivationDerivative> derivatives,
      IExpr perOutput,
      IExpr lossRaw,
      IExpr lossDerivative,
      OutputDeriver.Result output) {
    int depth = spec.depth();
    Step weightedSum =
        add("weighted-sum", Step.Kind.WEIGHTED_SUM, 0,
            "u^l_j = Σ_{i=0}^{n_{l-1}} w^l_{ij} z^{l-1}_i,  z^{l-1}_0 = 1",
            "u^{(l)}_j = \\sum_{i=0}^{n_{l-1}} w^{(l)}_{ij}\\, z^{(l-1)}_i, \\qquad z^{(l-1)}_0=1",
            "each unit sums its inputs weighted; row i = 0 is the bias, fed by the constant z_0 = 1",
            List.of("u", "w", "z"));
    List<Step> activationSteps = new ArrayList<>();
    for (int l = 1; l <= depth; l++) {
      IExpr f = derivatives.get(l - 1).function();
      boolean normalized = spec.layer(l).activation().normalized();
      activationSteps.add(
          add("activation-" + l, Step.Kind.ACTIVATION, l,
              "z^" + l + "_j = f_" + l + "(u^" + l + "_j) = " + Expressions.text(f, l)
                  + (normalized ? " / Σ_k " + Expressions.text(f, l).replace("_j", "_k") : ""),
              normalized
                  ? "z^{(" + l + ")}_j = \\frac{" + unitTex(f, l, "j") + "}{\\sum_k " + unitTex(f, l, "k") + "}"
                  : "z^{(" + l + ")}_j = f_{" + l + "}\\bigl(u^{(" + l + ")}_j\\bigr) = " + unitTex(f, l, "j"),
              "layer " + l + " applies " + spec.layer(l).activation().name() + " to each unit"
                  + (normalized ? ", normalized over the layer" : ""),
              List.of("f_" + l)));
    }
    Step error =
        add("error", Step.Kind.ERROR, 0,
            "E = Σ_j ℓ(y_j, d_j),  ℓ(y, d) = " + perOutput + ",  y = z^" + depth,
            "E = \\sum_{j=1}^{n_{" + depth + "}} \\ell(y_j, d_j), \\qquad \\ell(y, d)=" + TexForm.of(perOutput)
                + ", \\qquad y=z^{(" + depth + ")}",
            "the error of one sample sums the per-output loss " + spec.loss().name(),
            List.of("E", "y", "d"));
    add("goal", Step.Kind.GOAL, 0, "Δw^l_{ij} = −η ∂E/∂w^l_{ij}",
        "\\Delta w^{(l)}_{ij} = -\\eta \\pd{E}{w^{(l)}_{ij}}",
        "gradient descent moves each weight against the slope of E", List.of("η"));
    Step weightGradient =
        add("weight-gradient", Step.Kind.WEIGHT_GRADIENT, 0,
            "∂E/∂w^l_{ij} = ∂E/∂u^l_j · ∂u^l_j/∂w^l_{ij} = δ^l_j z^{l-1}_i,  δ^l_j := ∂E/∂u^l_j",
            "\\pd{E}{w^{(l)}_{ij}} = \\pd{E}{u^{(l)}_j} \\pd{u^{(l)}_j}{w^{(l)}_{ij}} = \\delta^{(l)}_j\\, z^{(l-1)}_i,"
                + " \\qquad \\delta^{(l)}_j:=\\pd{E}{u^{(l)}_j}",
            "w^l_{ij} reaches E only through u^l_j, and ∂u^l_j/∂w^l_{ij} = z^{l-1}_i",
            List.of("δ"));
    Step lossStep =
        add("loss-derivative", Step.Kind.LOSS_DERIVATIVE, 0,
            "∂E/∂y_j = ∂ℓ/∂y (y_j, d_j) = " + Expressions.outputText(lossDerivative),
            "\\pd{E}{y_j} = \\pd{\\ell}{y}(y_j, d_j) = " + outputTex(lossDerivative, "j"),
            "only the j-th term of E depends on y_j; Symja's D gave " + lossRaw,
            List.of());
    // Seed 001's order: the output layer first, then each hidden layer going back, each layer's
    // derivative just before the δ that uses it.
    Step[] derivativeSteps = new Step[depth + 1];
    Step[] deltaSteps = new Step[depth + 1];
    derivativeSteps[depth] = derivativeStep(depth, derivatives.get(depth - 1));
    OutputDerivation outputDerivation =
        spec.layer(depth).activation().normalized()
            ? writeNormalizedOutput(lossDerivative, output, deltaSteps)
            : writeElementWiseOutput(derivatives.get(depth - 1), lossDerivative, output, deltaSteps);
    for (int l = depth - 1; l >= 1; l--) {
      derivativeSteps[l] = derivativeStep(l, derivatives.get(l - 1));
      deltaSteps[l] = hiddenDelta(l, derivatives.get(l - 1));
    }
    Step update = add("update", Step.Kind.UPDATE, 0, updateStatement(), updateTex(), updateJustification(), List.of());
    if (spec.scheduled()) {
      add(Derivation.SCHEDULE, Step.Kind.UPDATE, 0, scheduleStatement(), scheduleTex(),
          "the trainer's fit sets η to η_e at the start of each epoch e, counted from 0; η_0 is the optimizer's"
              + " learning rate", List.of("η_e"));
    }
    List<LayerDerivation> layers = new ArrayList<>();
    for (int l = 1; l <= depth; l++) {
      layers.add(
          new LayerDerivation(l, spec.layer(l), derivatives.get(l - 1), activationSteps.get(l - 1),
              derivativeSteps[l], deltaSteps[l]));
    }
    LossDerivation loss = new LossDerivation(perOutput, lossRaw, lossDerivative, error, lossStep);
    return new Derivation(spec, steps, layers, loss, outputDerivation, weightedSum, weightGradient, update);
  }

  private Step derivativeStep(int l, ActivationDerivative derivative) {
    return add("derivative-" + l, Step.Kind.ACTIVATION_DERIVATIVE, l,
        "f_" + l + "'(u) = " + derivative.raw() + " = " + derivative.chosen(),
        "f_{" + l + "}'(u) = " + TexForm.of(derivative.raw())
            + (derivative.raw().equals(derivative.chosen()) ? "" : " = " + TexForm.of(derivative.chosen())),
        derivativeJustification(derivative),
        List.of("f_" + l + "'"));
  }

  private Step hiddenDelta(int l, ActivationDerivative derivative) {
    int next = l + 1;
    return add("delta-" + l, Step.Kind.HIDDEN_DELTA, l,
        "δ^" + l + "_j = Σ_k δ^" + next + "_k ∂u^" + next + "_k/∂u^" + l + "_j = (Σ_k δ^" + next
            + "_k w^" + next + "_{jk}) · (" + Expressions.text(derivative.chosen(), l) + ")",
        "\\delta^{(" + l + ")}_j = \\sum_k \\pd{E}{u^{(" + next + ")}_k} \\pd{u^{(" + next + ")}_k}{u^{(" + l + ")}_j}"
            + " = \\Bigl(\\sum_k \\delta^{(" + next + ")}_k\\, w^{(" + next + ")}_{jk}\\Bigr)\\, f_{" + l + "}'\\bigl(u^{("
            + l + ")}_j\\bigr) = \\Bigl(\\sum_k \\delta^{(" + next + ")}_k\\, w^{(" + next + ")}_{jk}\\Bigr)"
            + factorTex(derivative.chosen(), l),
        "u^" + l + "_j reaches E through every u^" + next + "_k, so the paths are summed; "
            + "∂u^" + next + "_k/∂u^" + l + "_j = w^" + next + "_{jk} f_" + l + "'(u^" + l + "_j)",
        List.of("δ^" + l));
  }

  private OutputDerivation writeElementWiseOutput(
      ActivationDerivative derivative, IExpr lossDerivative, OutputDeriver.Result output, Step[] deltaSteps) {
    int depth = spec.depth();
    String product = "(" + Expressions.outputText(lossDerivative) + ") · ("
        + Expressions.text(derivative.chosen(), depth) + ")";
    String productTex = "\\Bigl(" + outputTex(lossDerivative, "j") + "\\Bigr)"
        + factorTex(F.subst(derivative.chosen(), Z, Y), depth);
    deltaSteps[depth] =
        add("delta-output", Step.Kind.OUTPUT_DELTA, depth,
            "δ^" + depth + "_j = ∂E/∂y_j · f_" + depth + "'(u^" + depth + "_j) = " + product,
            "\\delta^{(" + depth + ")}_j = \\pd{E}{y_j}\\, f_{" + depth + "}'\\bigl(u^{(" + depth + ")}_j\\bigr) = " + productTex,
            "y_j = z^" + depth + "_j = f_" + depth + "(u^" + depth + "_j) depends on u^" + depth
                + "_j alone, so the chain rule has a single path",
            List.of("δ^" + depth));
    Step cancellation = output.fused()
        ? add("cancellation", Step.Kind.OUTPUT_DELTA, depth,
            "δ^" + depth + "_j = " + product + " = " + Expressions.outputText(output.delta()),
            "\\delta^{(" + depth + ")}_j = " + productTex + " = " + outputTex(output.delta(), "j"),
            "with y = z^" + depth + ", the factors of ∂E/∂y_j and f_" + depth + "' cancel (Symja's Simplify)",
            List.of())
        : null;
    return new OutputDerivation(lossDerivative, output.delta(), output.unsimplified(), false, output.fused(), null, cancellation);
  }

  private OutputDerivation writeNormalizedOutput(IExpr lossDerivative, OutputDeriver.Result output, Step[] deltaSteps) {
    int depth = spec.depth();
    String u = "u^{(" + depth + ")}_j";
    Map<org.matheclipse.core.interfaces.ISymbol, String> jk =
        Map.of(F.symbol("y1"), "y_j", F.symbol("y2"), "y_k");
    Step jacobian =
        add("softmax-jacobian", Step.Kind.OUTPUT_DELTA, depth,
            "∂y_j/∂u^" + depth + "_j = " + output.jacobianDiagonal().toString().replace("y1", "y_j")
                + ",  ∂y_k/∂u^" + depth + "_j = " + output.jacobianOffDiagonal().toString()
                    .replace("y1", "y_j").replace("y2", "y_k") + " (k ≠ j)",
            "\\pd{y_j}{" + u + "} = " + TexForm.of(output.jacobianDiagonal(), jk) + ", \\qquad \\pd{y_k}{" + u + "}="
                + TexForm.of(output.jacobianOffDiagonal(), jk) + " \\quad (k \\ne j)",
            "y_k = e^{u_k} / Σ_m e^{u_m}: u_j reaches y_k directly (k = j) and through the sum (every k)",
            List.of());
    deltaSteps[depth] =
        add("delta-output", Step.Kind.OUTPUT_DELTA, depth,
            "δ^" + depth + "_j = Σ_k ∂E/∂y_k ∂y_k/∂u^" + depth + "_j = y_j (g_j − Σ_k g_k y_k),  g_k = ∂E/∂y_k = "
                + Expressions.outputText(lossDerivative).replace("_j", "_k"),
            "\\delta^{(" + depth + ")}_j = \\sum_k \\pd{E}{y_k} \\pd{y_k}{" + u + "} = y_j\\Bigl(g_j - \\sum_k g_k\\, y_k\\Bigr),"
                + " \\qquad g_k=\\pd{E}{y_k}=" + outputTex(lossDerivative, "k"),
            "every output y_k depends on u^" + depth + "_j, so the paths through all of them are summed",
            List.of("δ^" + depth));
    Step cancellation = output.fused()
        ? add("cancellation", Step.Kind.OUTPUT_DELTA, depth,
            "for three outputs, Σ_k g_k ∂y_k/∂u_1 = " + output.unsimplified() + " = "
                + Expressions.outputText(output.delta()).replace("_j", "_1") + ",  so δ^" + depth + "_j = "
                + Expressions.outputText(output.delta()),
            "\\sum_{k=1}^{3} g_k \\pd{y_k}{u_1} = " + TexForm.of(output.unsimplified()) + " = "
                + outputTex(output.delta(), "1") + " \\quad\\Longrightarrow\\quad \\delta^{(" + depth + ")}_j = "
                + outputTex(output.delta(), "j"),
            "Symja's Simplify with Σ_k y_k = 1 and Σ_k d_k = 1 (targets are one-hot or probabilities);"
                + " the units are symmetric, so the result holds for every j and every n",
            List.of())
        : null;
    return new OutputDerivation(lossDerivative, output.delta(), output.unsimplified(), true, output.fused(), jacobian, cancellation);
  }

  private Step add(String label, Step.Kind kind, int layer, String statement, String tex, String why, List<String> introduces) {
    Step step = new Step(steps.size() + 1, label, kind, layer, statement, tex, why, introduces);
    steps.add(step);
    return step;
  }

  /** f(u) of layer l's unit {@code index}, in LaTeX. */
  private static String unitTex(IExpr expression, int l, String index) {
    return TexForm.of(expression, Map.of(U, "u^{(" + l + ")}_" + index, Z, "z^{(" + l + ")}_" + index));
  }

  /** An expression of y and d (and u, z for the output layer), indexed by {@code index}. */
  private String outputTex(IExpr expression, String index) {
    int depth = spec.depth();
    return TexForm.of(expression, Map.of(Y, "y_" + index, D, "d_" + index, U, "u^{(" + depth + ")}_" + index,
        Z, "z^{(" + depth + ")}_" + index));
  }

  /** A multiplied factor: nothing for 1, else the expression, parenthesized. */
  private static String factorTex(IExpr expression, int l) {
    if (expression.isOne()) {
      return "";
    }
    Map<org.matheclipse.core.interfaces.ISymbol, String> names =
        Map.of(U, "u^{(" + l + ")}_j", Z, "z^{(" + l + ")}_j", Y, "y_j");
    return "\\Bigl(" + TexForm.of(expression, names) + "\\Bigr)";
  }

  private static String derivativeJustification(ActivationDerivative derivative) {
    return switch (derivative.form()) {
      case CONSTANT -> "Symja's D; the derivative is a constant";
      case IN_U -> "Symja's D, simplified; evaluated from u";
      case IN_Z -> "Symja's D, rewritten in z = f(u) by inverting f, which the forward pass already computed";
    };
  }

  /** g, the batch gradient as the update reads it. */
  private String gradientText() {
    String g = spec.batch() == BatchReduction.SUM ? "Σ_s ∂E_s/∂w" : "(1/B) Σ_s ∂E_s/∂w";
    return spec.clipNorm() > 0 ? "min(1, " + spec.clipNorm() + "/(‖ĝ‖ + 1e-6)) ĝ, ĝ = " + g : g;
  }

  private String gradientTex() {
    String g = (spec.batch() == BatchReduction.SUM ? "" : "\\frac{1}{B}") + "\\sum_{s=1}^{B} \\pd{E_s}{w}";
    return spec.clipNorm() > 0
        ? "\\min\\Bigl(1, \\frac{" + spec.clipNorm() + "}{\\lVert\\hat g\\rVert + 10^{-6}}\\Bigr)\\,\\hat g, \\qquad \\hat g=" + g
        : g;
  }

  private String updateStatement() {
    return spec.optimizer().updateText(gradientText());
  }

  private String updateTex() {
    return spec.optimizer().updateTex(gradientTex());
  }

  /** η_e, the learning rate of epoch e, as torch.optim.lr_scheduler's closed forms give it. */
  private String scheduleStatement() {
    return "η_e = " + spec.warmup().factorText() + spec.schedule().rateText() + ",  η_0 = "
        + spec.optimizer().learningRate();
  }

  private String scheduleTex() {
    return "\\eta_e = " + spec.warmup().factorTex() + spec.schedule().rateTex() + ", \\qquad \\eta_0 = "
        + Schedule.decimal(spec.optimizer().learningRate());
  }

  private String updateJustification() {
    return "a step combines the batch's per-sample gradients by " + spec.batch().keyword()
        + " and moves every parameter against it (" + spec.optimizer().keyword() + ")";
  }
}
