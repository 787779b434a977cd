package org.deltagen.derive;

import org.deltagen.network.Norm;
import org.deltagen.network.Schedule;
import org.deltagen.symbolic.Formula;

/** The equations of a layer's normalization: û^l forward, and δ^l through μ and σ² backward. */
final class NormEquations {
  private NormEquations() {}

  /** û^l_j = γ^l_j x̂^l_j + β^l_j, with x̂, μ and σ² over j's group (the layer, for layer norm). */
  static Equation forward(int l, Norm norm, int units) {
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

  /** ∂E/∂û^l_j, the δ that f_l passes back to the normalization. */
  static Formula normalizedGradient(int l) {
    return Formula.of("∂E/∂û^" + l + "_j", "\\pd{E}{\\hat u^{(" + l + ")}_j}");
  }

  /** The compact form: (1/σ)(g_j − (1/m)Σ_i g_i − x̂^l_j (1/m)Σ_i g_i x̂^l_i). */
  static Formula compact(int l) {
    return Formula.of("(1/σ)(g_j − (1/m) Σ_i g_i − x̂^" + l + "_j (1/m) Σ_i g_i x̂^" + l + "_i)",
        "\\frac{1}{\\sigma}\\Bigl(g_j - \\frac{1}{m}\\sum_i g_i - \\hat x^{(" + l + ")}_j\\, \\frac{1}{m}\\sum_i g_i\\,"
            + " \\hat x^{(" + l + ")}_i\\Bigr)");
  }

  /**
   * δ^l_j = Σ_i ∂E/∂û_i (∂û_i/∂u_j + ∂û_i/∂μ ∂μ/∂u_j + ∂û_i/∂σ² ∂σ²/∂u_j), each partial Symja's,
   * then the compact form.
   */
  static Equation paths(int l, NormPartials partials) {
    String u = "u^" + l + "_j";
    String uTex = "u^{(" + l + ")}_j";
    String hat = "û^" + l + "_i";
    String hatTex = "\\hat u^{(" + l + ")}_i";
    Formula sum = Formula.of("Σ_i ∂E/∂" + hat + " ", "\\sum_i \\pd{E}{" + hatTex + "}");
    Formula symbolic = sum.then(Formula.of(
        "(∂" + hat + "/∂" + u + " + ∂" + hat + "/∂μ ∂μ/∂" + u + " + ∂" + hat + "/∂σ² ∂σ²/∂" + u + ")",
        "\\Bigl(\\pd{" + hatTex + "}{" + uTex + "} + \\pd{" + hatTex + "}{\\mu}\\pd{\\mu}{" + uTex + "} + \\pd{"
            + hatTex + "}{\\sigma^2}\\pd{\\sigma^2}{" + uTex + "}\\Bigr)"));
    Formula direct = NormPartials.formula(partials.direct(), l);
    Formula mean = NormPartials.formula(partials.throughMean(), l);
    Formula meanPartial = NormPartials.formula(partials.meanPartial(), l);
    Formula variance = NormPartials.formula(partials.throughVariance(), l);
    Formula variancePartial = NormPartials.formula(partials.variancePartial(), l);
    Formula substituted = sum.then(Formula.of(
        "([i = j] " + direct.text() + " + (" + mean.text() + ")(" + meanPartial.text() + ") + (" + variance.text()
            + ")(" + variancePartial.text() + "))",
        "\\Bigl([i = j]\\, " + direct.tex() + " + \\bigl(" + mean.tex() + "\\bigr)\\bigl(" + meanPartial.tex()
            + "\\bigr) + \\bigl(" + variance.tex() + "\\bigr)\\bigl(" + variancePartial.tex() + "\\bigr)\\Bigr)"));
    return Equation.of(Formula.of("δ^" + l + "_j", "\\delta^{(" + l + ")}_j"))
        .equalTo(symbolic)
        .equalTo(substituted)
        .equalTo(compact(l))
        .where("g_i = γ^" + l + "_i ∂E/∂" + hat + ", σ = √(σ² + ε)",
            "g_i = \\gamma^{(" + l + ")}_i \\pd{E}{" + hatTex + "},\\ \\sigma = \\sqrt{\\sigma^2+\\varepsilon}")
        .because("u^" + l + "_j reaches E through every û^" + l + "_i of its group: directly (i = j), through μ"
            + " and through σ², so the three paths are summed over i; Symja's D gives each local partial (the"
            + " path from u^" + l + "_j through μ into σ² adds nothing, as the deviations from μ sum to 0), and"
            + " Symja simplifies the sum minus the compact form to 0 for any group size m; the code computes the"
            + " compact form, O(m) per group")
        .introducing("g", "σ")
        .build();
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
