package org.deltagen.derive;

import org.deltagen.network.Norm;
import org.deltagen.network.Schedule;
import org.deltagen.symbolic.Formula;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The equations of a layer's normalization: û^l forward, and δ^l through μ and σ² backward. Layer
 * and group norm sum over the units i of j's group; batch norm sums over the samples r of the
 * batch, unit j by unit j, so its vectors carry the sample in brackets: u^l_j[s].
 */
final class NormEquations {
  private NormEquations() {}

  /** û^l_j = γ^l_j x̂^l_j + β^l_j, with x̂, μ and σ² over j's group (the layer, for layer norm). */
  static Equation forward(int l, Norm norm, int units) {
    if (norm.overBatch()) {
      return batchForward(l, norm);
    }
    int m = norm.groupSize(units);
    String sum = norm.kind() == Norm.Kind.LAYER ? "Σ_{i=1}^{" + units + "}" : "Σ_{i∈G(j)}";
    String sumTex = norm.kind() == Norm.Kind.LAYER ? "\\sum_{i=1}^{" + units + "}" : "\\sum_{i\\in G(j)}";
    Equation.Builder equation = Equation.of(Formula.of("û^" + l + "_j", "\\hat u^{(" + l + ")}_j"))
        .equalTo("γ^" + l + "_j x̂^" + l + "_j + β^" + l + "_j",
            "\\gamma^{(" + l + ")}_j\\, \\hat x^{(" + l + ")}_j + \\beta^{(" + l + ")}_j")
        .where("x̂^" + l + "_j = (u^" + l + "_j − μ)/√(σ² + ε)",
            "\\hat x^{(" + l + ")}_j = \\frac{u^{(" + l + ")}_j - \\mu}{\\sqrt{\\sigma^2 + \\varepsilon}}")
        .where("μ = (1/m) " + sum + " u^" + l + "_i", "\\mu = \\frac{1}{m}" + sumTex + " u^{(" + l + ")}_i")
        .where("σ² = (1/m) " + sum + " (u^" + l + "_i − μ)²",
            "\\sigma^2 = \\frac{1}{m}" + sumTex + " \\bigl(u^{(" + l + ")}_i - \\mu\\bigr)^2")
        .where("m = " + m + ", ε = " + Schedule.decimal(norm.epsilon()),
            "m = " + m + ",\\ \\varepsilon = " + Schedule.decimal(norm.epsilon()));
    String groups = norm.kind() == Norm.Kind.LAYER ? "over the layer's " + units + " units"
        : "over the group G(j) of j, one of " + norm.groups() + " groups of " + m + " consecutive units";
    return equation
        .because("layer " + l + " normalizes its weighted sums " + groups + " (the variance is the biased one),"
            + " then scales it by γ and shifts it by β, both learned; f_" + l + " reads the result")
        .introducing("û^" + l, "x̂^" + l, "μ", "σ²", "γ^" + l, "β^" + l)
        .build();
  }

  /**
   * Batch norm: û^l_j[s] = γ^l_j x̂^l_j[s] + β^l_j, μ_j and σ²_j over the batch's m samples in
   * training, the running statistics μ̄_j and σ̄²_j in evaluation, which each training step moves.
   */
  private static Equation batchForward(int l, Norm norm) {
    String momentum = Schedule.decimal(norm.momentum());
    return Equation.of(Formula.of("û^" + l + "_j[s]", "\\hat u^{(" + l + ")}_j[s]"))
        .equalTo("γ^" + l + "_j x̂^" + l + "_j[s] + β^" + l + "_j",
            "\\gamma^{(" + l + ")}_j\\, \\hat x^{(" + l + ")}_j[s] + \\beta^{(" + l + ")}_j")
        .where("x̂^" + l + "_j[s] = (u^" + l + "_j[s] − μ_j)/√(σ²_j + ε)",
            "\\hat x^{(" + l + ")}_j[s] = \\frac{u^{(" + l + ")}_j[s] - \\mu_j}{\\sqrt{\\sigma^2_j + \\varepsilon}}")
        .where("μ_j = (1/m) Σ_{r=1}^{m} u^" + l + "_j[r]",
            "\\mu_j = \\frac{1}{m}\\sum_{r=1}^{m} u^{(" + l + ")}_j[r]")
        .where("σ²_j = (1/m) Σ_{r=1}^{m} (u^" + l + "_j[r] − μ_j)²",
            "\\sigma^2_j = \\frac{1}{m}\\sum_{r=1}^{m} \\bigl(u^{(" + l + ")}_j[r] - \\mu_j\\bigr)^2")
        .where("in evaluation μ̄_j, σ̄²_j instead; each step: μ̄_j ← (1 − ρ) μ̄_j + ρ μ_j,"
                + " σ̄²_j ← (1 − ρ) σ̄²_j + ρ m σ²_j/(m − 1)",
            "\\text{in evaluation } \\bar\\mu_j, \\bar\\sigma^2_j\\text{; each step: }"
                + " \\bar\\mu_j \\leftarrow (1-\\rho)\\,\\bar\\mu_j + \\rho\\,\\mu_j,\\ \\bar\\sigma^2_j \\leftarrow"
                + " (1-\\rho)\\,\\bar\\sigma^2_j + \\rho\\,\\tfrac{m}{m-1}\\sigma^2_j")
        .where("m the batch's size, ε = " + Schedule.decimal(norm.epsilon()) + ", ρ = " + momentum
                + ", μ̄ = 0 and σ̄² = 1 at the start",
            "m \\text{ the batch's size},\\ \\varepsilon = " + Schedule.decimal(norm.epsilon()) + ",\\ \\rho = "
                + momentum + ",\\ \\bar\\mu = 0,\\ \\bar\\sigma^2 = 1 \\text{ at the start}")
        .because("in training (step, fit) layer " + l + " normalizes each unit's weighted sum over the samples s of"
            + " the batch (the variance is the biased one), then scales it by γ and shifts it by β, both learned;"
            + " in evaluation (predict, loss) it uses the running mean and (unbiased) variance, which each training"
            + " step moves by the momentum ρ; f_" + l + " reads the result")
        .introducing("û^" + l, "x̂^" + l, "μ", "σ²", "μ̄", "σ̄²", "ρ", "γ^" + l, "β^" + l)
        .build();
  }

  /** ∂E/∂û^l_j, the δ that f_l passes back to the normalization. */
  static Formula normalizedGradient(int l) {
    return Formula.of("∂E/∂û^" + l + "_j", "\\pd{E}{\\hat u^{(" + l + ")}_j}");
  }

  /** The compact form: (1/σ)(g_j − (1/m)Σ_i g_i − x̂^l_j (1/m)Σ_i g_i x̂^l_i), or over samples r for batch norm. */
  static Formula compact(int l, Norm norm) {
    Over over = Over.of(l, norm);
    return Formula.of("(1/σ)(g" + over.own() + " − (1/m) Σ_" + over.summed() + " g" + over.other() + " − x̂^" + l
            + over.ownIndexed() + " (1/m) Σ_" + over.summed() + " g" + over.other() + " x̂^" + l + over.otherIndexed()
            + ")",
        "\\frac{1}{\\sigma}\\Bigl(g" + over.own() + " - \\frac{1}{m}\\sum_" + over.summed() + " g" + over.other()
            + " - \\hat x^{(" + l + ")}" + over.ownIndexed() + "\\, \\frac{1}{m}\\sum_" + over.summed() + " g"
            + over.other() + "\\, \\hat x^{(" + l + ")}" + over.otherIndexed() + "\\Bigr)");
  }

  /**
   * δ^l_j = Σ_i ∂E/∂û_i (∂û_i/∂u_j + ∂û_i/∂μ ∂μ/∂u_j + ∂û_i/∂σ² ∂σ²/∂u_j), each partial Symja's,
   * then the compact form; for batch norm the sum runs over the batch's samples r.
   */
  static Equation paths(int l, Norm norm, NormPartials partials) {
    Over over = Over.of(l, norm);
    String u = "u^" + l + over.ownIndexed();
    String uTex = "u^{(" + l + ")}" + over.ownIndexed();
    String hat = "û^" + l + over.otherIndexed();
    String hatTex = "\\hat u^{(" + l + ")}" + over.otherIndexed();
    Formula sum = Formula.of("Σ_" + over.summed() + " ∂E/∂" + hat + " ",
        "\\sum_" + over.summed() + " \\pd{E}{" + hatTex + "}");
    Formula symbolic = sum.then(Formula.of(
        "(∂" + hat + "/∂" + u + " + ∂" + hat + "/∂μ ∂μ/∂" + u + " + ∂" + hat + "/∂σ² ∂σ²/∂" + u + ")",
        "\\Bigl(\\pd{" + hatTex + "}{" + uTex + "} + \\pd{" + hatTex + "}{\\mu}\\pd{\\mu}{" + uTex + "} + \\pd{"
            + hatTex + "}{\\sigma^2}\\pd{\\sigma^2}{" + uTex + "}\\Bigr)"));
    Formula direct = over.formula(partials.direct());
    Formula mean = over.formula(partials.throughMean());
    Formula meanPartial = over.formula(partials.meanPartial());
    Formula variance = over.formula(partials.throughVariance());
    Formula variancePartial = over.formula(partials.variancePartial());
    String same = "[" + over.summed() + " = " + (norm.overBatch() ? "s" : "j") + "]";
    Formula substituted = sum.then(Formula.of(
        "(" + same + " " + direct.text() + " + (" + mean.text() + ")(" + meanPartial.text() + ") + (" + variance.text()
            + ")(" + variancePartial.text() + "))",
        "\\Bigl(" + same + "\\, " + direct.tex() + " + \\bigl(" + mean.tex() + "\\bigr)\\bigl(" + meanPartial.tex()
            + "\\bigr) + \\bigl(" + variance.tex() + "\\bigr)\\bigl(" + variancePartial.tex() + "\\bigr)\\Bigr)"));
    Equation.Builder equation = Equation.of(Formula.of("δ^" + l + over.ownIndexed(),
            "\\delta^{(" + l + ")}" + over.ownIndexed()))
        .equalTo(symbolic)
        .equalTo(substituted)
        .equalTo(compact(l, norm))
        .where("g" + over.other() + " = γ^" + l + over.scaleIndex() + " ∂E/∂" + hat + ", σ = √(σ² + ε)",
            "g" + over.other() + " = \\gamma^{(" + l + ")}" + over.scaleIndex() + " \\pd{E}{" + hatTex
                + "},\\ \\sigma = \\sqrt{\\sigma^2+\\varepsilon}");
    if (norm.overBatch()) {
      // Side by side with layer norm's: the same three paths, summed over the units of one sample.
      Formula layer = compact(l, Norm.layer());
      equation.where("layer norm's, summed over the units i of one sample instead: δ^" + l + "_j = " + layer.text(),
          "\\text{layer norm's, summed over the units } i \\text{ of one sample instead: } \\delta^{(" + l
              + ")}_j = " + layer.tex());
    }
    return equation
        .because(over.because())
        .introducing("g", "σ")
        .build();
  }

  /**
   * What the sum of the paths runs over: the units i of j's group (layer, group norm), or the
   * samples r of the batch, unit j held (batch norm); own is u_j's (or u_j[s]'s) index.
   */
  private record Over(int l, boolean batch) {
    static Over of(int l, Norm norm) {
      return new Over(l, norm.overBatch());
    }

    String summed() {
      return batch ? "r" : "i";
    }

    /** g's index for the unit (or sample) whose δ this is, and for the summed one. */
    String own() {
      return batch ? "[s]" : "_j";
    }

    String other() {
      return batch ? "[r]" : "_i";
    }

    /** A vector's index for the own unit (sample), as x̂^l_j or x̂^l_j[s]. */
    String ownIndexed() {
      return batch ? "_j[s]" : "_j";
    }

    String otherIndexed() {
      return batch ? "_j[r]" : "_i";
    }

    /** γ's index in g: the summed unit i, or the one unit j of batch norm. */
    String scaleIndex() {
      return batch ? "_j" : "_i";
    }

    Formula formula(IExpr expression) {
      return batch ? NormPartials.batchFormula(expression, l) : NormPartials.formula(expression, l);
    }

    String because() {
      if (batch) {
        return "E is the batch's error, the sum of its samples' errors; u^" + l + "_j[s] reaches it through û^" + l
            + "_j[r] of every sample r of the batch: directly (r = s), through μ_j and through σ²_j, so the three"
            + " paths are summed over the samples r, where layer norm sums over the units i; the partials and the"
            + " proof that the sum equals the compact form are layer norm's, m now the batch's size; the code"
            + " computes the compact form, O(m) per unit";
      }
      return "u^" + l + "_j reaches E through every û^" + l + "_i of its group: directly (i = j), through μ"
          + " and through σ², so the three paths are summed over i; Symja's D gives each local partial (the"
          + " path from u^" + l + "_j through μ into σ² adds nothing, as the deviations from μ sum to 0), and"
          + " Symja simplifies the sum minus the compact form to 0 for any group size m; the code computes the"
          + " compact form, O(m) per group";
    }
  }

  /** ∂E/∂γ^l_j = ∂E/∂û^l_j x̂^l_j and ∂E/∂β^l_j = ∂E/∂û^l_j, each û^l_j's own. */
  static Equation parameterGradient(int l, NormPartials partials) {
    Formula hat = normalizedGradient(l);
    Formula scale = NormPartials.formula(partials.scale(), l, "j");
    Formula shift = NormPartials.formula(partials.shift(), l, "j");
    return Equation.of(Formula.of("∂E/∂γ^" + l + "_j", "\\pd{E}{\\gamma^{(" + l + ")}_j}"))
        .equalTo(hat.then(Formula.of(" ∂û^" + l + "_j/∂γ^" + l + "_j",
            "\\pd{\\hat u^{(" + l + ")}_j}{\\gamma^{(" + l + ")}_j}")))
        .equalTo(hat.then(Formula.of(" · (" + scale.text() + ")", "\\,\\bigl(" + scale.tex() + "\\bigr)")))
        .equalTo(hat.then(Formula.of(" x̂^" + l + "_j", "\\, \\hat x^{(" + l + ")}_j")))
        .where(Formula.of("∂E/∂β^" + l + "_j = ", "\\pd{E}{\\beta^{(" + l + ")}_j} = ").then(hat)
            .then(Formula.of(" · " + shift.text(), "\\cdot " + shift.tex())))
        .because("γ^" + l + "_j and β^" + l + "_j reach E only through û^" + l + "_j; Symja's D of û in γ and β;"
            + " a step sums them over the batch")
        .introducing("γ^" + l, "β^" + l)
        .build();
  }
}
