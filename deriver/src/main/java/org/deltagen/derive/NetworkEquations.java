package org.deltagen.derive;

import java.util.List;
import org.deltagen.network.Schedule;
import org.deltagen.symbolic.Formula;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The equations of the forward pass, the goal and the hidden layers' δ. The generic ones take the
 * layer as a name ("l", or "2" once instantiated), so the report's general form and the form code
 * cites for one layer are written once.
 */
final class NetworkEquations {
  private NetworkEquations() {}

  /**
   * u^l_j = Σ_i w^l_{ij} z^{l-1}_i, for layer {@code l} after layer {@code previous} of {@code
   * inputs} units; with a bias, the sum starts at the constant z_0 = 1.
   */
  static Equation weightedSum(String l, String previous, String inputs, boolean bias) {
    String from = bias ? "0" : "1";
    String z = "z^" + raised(previous);
    Equation.Builder equation = Equation.of(Formula.of("u^" + l + "_j", "u^{(" + l + ")}_j"))
        .equalTo("Σ_{i=" + from + "}^{" + inputs + "} w^" + l + "_{ij} " + z + "_i",
            "\\sum_{i=" + from + "}^{" + inputs + "} w^{(" + l + ")}_{ij}\\, z^{(" + previous + ")}_i")
        .introducing("u", "w", "z");
    if (bias) {
      equation.where(z + "_0 = 1", "z^{(" + previous + ")}_0=1")
          .because("each unit sums its inputs weighted; row i = 0 is the bias, fed by the constant z_0 = 1");
    } else {
      equation.because("each unit sums its inputs weighted; the layer has no bias row");
    }
    return equation.build();
  }

  /** A superscript in text: 2 stands alone, l-1 is braced. */
  private static String raised(String index) {
    return index.length() == 1 ? index : "{" + index + "}";
  }

  /** ∂E/∂w^l_{ij} = δ^l_j z^{l-1}_i: a weight reaches E only through the sum it feeds. */
  static Equation weightGradient(String l, String previous) {
    String w = "w^" + l + "_{ij}";
    String wTex = "w^{(" + l + ")}_{ij}";
    return Equation.of(Formula.of("∂E/∂" + w, "\\pd{E}{" + wTex + "}"))
        .equalTo("∂E/∂u^" + l + "_j · ∂u^" + l + "_j/∂" + w,
            "\\pd{E}{u^{(" + l + ")}_j} \\pd{u^{(" + l + ")}_j}{" + wTex + "}")
        .equalTo("δ^" + l + "_j z^" + raised(previous) + "_i", "\\delta^{(" + l + ")}_j\\, z^{(" + previous + ")}_i")
        .where("δ^" + l + "_j := ∂E/∂u^" + l + "_j", "\\delta^{(" + l + ")}_j:=\\pd{E}{u^{(" + l + ")}_j}")
        .because(w + " reaches E only through u^" + l + "_j, and ∂u^" + l + "_j/∂" + w + " = z^" + raised(previous) + "_i")
        .introducing("δ")
        .build();
  }

  /**
   * z^l_j = f_l(u^l_j), element-wise, or softmax's e^{u_j} / Σ_k e^{u_k} over the layer; with a
   * skip or a dropout ({@code skipped}) the left side is f_l(u^l_j), which the skip's equation
   * adds z^k_j to or the dropout's masks.
   */
  static Equation activation(int l, IExpr f, String name, boolean normalized, boolean skipped, boolean normed) {
    Formula z = skipped ? applied(l, normed) : Formula.of("z^" + l + "_j", "z^{(" + l + ")}_j");
    Formula unit = Notation.unit(f, l, "j", normed);
    Equation.Builder equation = Equation.of(z).introducing("f_" + l);
    if (normalized) {
      Formula sum = Notation.unit(f, l, "k");
      return equation.equalTo(unit.text() + " / Σ_k " + sum.text(), "\\frac{" + unit.tex() + "}{\\sum_k " + sum.tex() + "}")
          .because("layer " + l + " applies " + name + " to each unit, normalized over the layer").build();
    }
    if (!skipped) {
      equation.equalTo(applied(l, normed));
    }
    return equation.equalTo(unit)
        .because("layer " + l + " applies " + name + " to each unit" + (normed ? ", normalized first" : "")).build();
  }

  /** f_l(u^l_j), or f_l(û^l_j) where the layer normalizes u^l. */
  private static Formula applied(int l, boolean normed) {
    return Formula.of("f_" + l + "(" + (normed ? "û^" : "u^") + l + "_j)",
        "f_{" + l + "}\\bigl(" + (normed ? "\\hat u^{(" : "u^{(") + l + ")}_j\\bigr)");
  }

  /**
   * z^l_j = f_l(u^l_j) + z^k_j (h^l_j + z^k_j after a dropout): the skip adds z^k unchanged, with
   * the derivative Symja found for it.
   */
  static Equation skip(int l, int k, IExpr identity, boolean normed, boolean dropped) {
    Formula added = dropped ? Formula.of("h^" + l + "_j", "h^{(" + l + ")}_j") : applied(l, normed);
    Equation.Builder equation = Equation.of(Formula.of("z^" + l + "_j", "z^{(" + l + ")}_j"))
        .equalTo(added.then(Formula.of(" + z^" + k + "_j", " + z^{(" + k + ")}_j")))
        .where(Formula.of("∂z^" + l + "_j/∂z^" + k + "_j = ", "\\pd{z^{(" + l + ")}_j}{z^{(" + k + ")}_j}=")
            .then(Formula.of(identity)));
    if (k == 0) {
      equation.where("z^0 = x", "z^{(0)}=x");
    }
    return equation.because("layer " + l + " adds z^" + k + " to its activation, seed 002's residual F(x) + x;"
            + " Symja's D of f(u) + s in s gives the identity path's derivative")
        .build();
  }

  /**
   * z^l_j = m^l_j f_l(u^l_j) (h^l_j where a skip follows): inverted dropout with probability p,
   * the mask fixed for the sample, the identity in evaluation; ∂(m s)/∂s from Symja's D.
   */
  static Equation dropout(int l, double p, IExpr maskDerivative, boolean skipped, boolean normed) {
    String v = skipped ? "h" : "z";
    Formula m = InvertedDropout.mask(l);
    return Equation.of(Formula.of(v + "^" + l + "_j", v + "^{(" + l + ")}_j"))
        .equalTo(m.then(Formula.of(" ", "\\, ")).then(applied(l, normed)))
        .where("m^" + l + "_j ∈ {0, 1/(1 − p)}, P(m^" + l + "_j = 0) = p = " + p,
            "m^{(" + l + ")}_j \\in \\{0, \\tfrac{1}{1-p}\\},\\ P\\bigl(m^{(" + l + ")}_j = 0\\bigr) = p = "
                + Schedule.decimal(p))
        .where(Formula.of("∂" + v + "^" + l + "_j/∂f_" + l + " = ", "\\pd{" + v + "^{(" + l + ")}_j}{f_{" + l + "}}=")
            .then(Formula.of(maskDerivative)).then(Formula.of("^" + l + "_j", "^{(" + l + ")}_j")))
        .because("inverted dropout: in training (step, fit) each unit is dropped with probability p and the"
            + " survivors scaled by 1/(1 − p), so E[m^" + l + "_j] = 1; the mask is drawn once per sample and"
            + " fixed for its forward and backward passes; in evaluation (predict, loss) m^" + l + "_j = 1;"
            + " Symja's D of m s in s gives the derivative")
        .introducing("m^" + l)
        .build();
  }

  /**
   * ∂E/∂z^l_j as the sum over z^l's consumers, for a layer with a skip: the skip passes it on to
   * z^k unchanged, so the code keeps it for δ^k.
   */
  static Equation outputGradient(int l, int k, Formula pathSum) {
    return Equation.of(Formula.of("∂E/∂z^" + l + "_j", "\\pd{E}{z^{(" + l + ")}_j}"))
        .equalTo(pathSum)
        .because("z^" + l + "_j reaches E through each of its consumers, so the paths are summed; z^" + l
            + "_j = f_" + l + "(u^" + l + "_j) + z^" + k + "_j passes this sum to z^" + k + "_j unchanged")
        .build();
  }

  /** E = Σ_j ℓ(y_j, d_j) with the loss ℓ as the spec defines it. */
  static Equation error(int depth, IExpr perOutput, String loss) {
    return Equation.of(Formula.of("E", "E"))
        .equalTo("Σ_j ℓ(y_j, d_j)", "\\sum_{j=1}^{n_{" + depth + "}} \\ell(y_j, d_j)")
        .where(Formula.of("ℓ(y, d) = ", "\\ell(y, d)=").then(Formula.of(perOutput)))
        .where("y = z^" + depth, "y=z^{(" + depth + ")}")
        .because("the error of one sample sums the per-output loss " + loss)
        .introducing("E", "y", "d")
        .build();
  }

  /** Δw^l_{ij} = −η ∂E/∂w^l_{ij}. */
  static Equation goal() {
    return Equation.of(Formula.of("Δw^l_{ij}", "\\Delta w^{(l)}_{ij}"))
        .equalTo("−η ∂E/∂w^l_{ij}", "-\\eta \\pd{E}{w^{(l)}_{ij}}")
        .because("gradient descent moves each weight against the slope of E")
        .introducing("η")
        .build();
  }

  /** f_l'(u) as Symja's D gave it, then in the form the code evaluates; {@code skipFrom} k of a skip, or −1. */
  static Equation derivative(int l, ActivationDerivative derivative, int skipFrom, boolean dropped) {
    Equation.Builder equation = Equation.of(Formula.of("f_" + l + "'(u)", "f_{" + l + "}'(u)"))
        .equalTo(Notation.plain(derivative.raw()))
        .because(switch (derivative.form()) {
          case CONSTANT -> "Symja's D; the derivative is a constant";
          case IN_U -> derivative.inZ() != null && skipFrom >= 0
              ? "Symja's D, simplified; evaluated from u, since with the skip z^" + l + " is f_" + l
                  + "(u^" + l + ") + z^" + skipFrom + ", not f_" + l + "(u^" + l + ")"
              : derivative.inZ() != null && dropped
              ? "Symja's D, simplified; evaluated from u, since with dropout z^" + l + " is m^" + l + " ⊙ f_" + l
                  + "(u^" + l + "), not f_" + l + "(u^" + l + ")"
              : "Symja's D, simplified; evaluated from u";
          case IN_Z -> "Symja's D, rewritten in z = f(u) by inverting f, which the forward pass already computed";
        })
        .introducing("f_" + l + "'");
    if (!derivative.raw().equals(derivative.chosen())) {
      equation.equalTo(Notation.plain(derivative.chosen()));
    }
    return equation.build();
  }

  /**
   * δ^l_j for a hidden layer: the sum over the paths from u^l_j to E, ∂E/∂z^l_j (what the graph
   * sums over the consumers of z^l), times f_l'.
   */
  static Equation hiddenDelta(int l, Formula pathSum, ActivationDerivative derivative, List<Integer> skips,
      boolean normed, boolean dropped) {
    int next = l + 1;
    String u = normed ? "û^" : "u^";
    String uTex = normed ? "\\hat u^{(" : "u^{(";
    Formula sum = dropped ? Notation.parenthesized(pathSum).then(Formula.of(" · ", "\\, "))
        .then(InvertedDropout.mask(l)) : Notation.parenthesized(pathSum);
    Formula derivativeTex = Formula.of(" · f_" + l + "'(" + u + l + "_j)",
        "\\, f_{" + l + "}'\\bigl(" + uTex + l + ")}_j\\bigr)");
    IExpr chosen = derivative.chosen();
    StringBuilder paths = new StringBuilder("Σ_k δ^" + next + "_k ∂u^" + next + "_k/∂" + u + l + "_j");
    StringBuilder pathsTex = new StringBuilder(
        "\\sum_k \\pd{E}{u^{(" + next + ")}_k} \\pd{u^{(" + next + ")}_k}{" + uTex + l + ")}_j}");
    StringBuilder why = new StringBuilder(u + l + "_j reaches E through every u^" + next + "_k");
    for (int m : skips) {
      paths.append(" + ∂E/∂z^").append(m).append("_j ∂z^").append(m).append("_j/∂").append(u).append(l)
          .append("_j");
      pathsTex.append(" + \\pd{E}{z^{(").append(m).append(")}_j} \\pd{z^{(").append(m).append(")}_j}{")
          .append(uTex).append(l).append(")}_j}");
      why.append(" and through the skip into z^").append(m).append("_j");
    }
    why.append(", so the paths are summed; ∂u^").append(next).append("_k/∂").append(u).append(l).append("_j = w^")
        .append(next).append("_{jk} f_").append(l).append("'(").append(u).append(l).append("_j)");
    if (dropped) {
      why.append(", each times the dropout's mask m^").append(l).append("_j of the sample");
    }
    for (int m : skips) {
      why.append(", ∂z^").append(m).append("_j/∂").append(u).append(l).append("_j = f_").append(l).append("'(")
          .append(u).append(l).append("_j)");
    }
    Formula left = normed ? NormEquations.normalizedGradient(l) : Formula.of("δ^" + l + "_j", "\\delta^{(" + l + ")}_j");
    return Equation.of(left)
        .equalTo(paths.toString(), pathsTex.toString())
        .equalTo(sum.then(derivativeTex))
        .equalTo(sum.then(Notation.factor(Notation.unit(chosen, l, "j", normed), chosen)))
        .because(why.toString())
        .introducing(normed ? "∂E/∂û^" + l : "δ^" + l)
        .build();
  }

  /** ∂E/∂w^l_{ij} = δ^l_j z^{l-1}_i with the δ of {@code deltaStep} written out. */
  static Equation substitutedGradient(int l, Formula delta, Step deltaStep) {
    Formula input = Formula.of(" z^" + (l - 1) + "_i", "\\, z^{(" + (l - 1) + ")}_i");
    return Equation.of(Formula.of("∂E/∂w^" + l + "_{ij}", "\\pd{E}{w^{(" + l + ")}_{ij}}"))
        .equalTo(delta.then(input))
        .because("δ from (" + deltaStep.number() + ") times the unit's input; z^" + (l - 1) + "_0 = 1 for the bias row")
        .build();
  }

  /** ∂f_l/∂a as Symja's D gave it, then simplified: the code evaluates the latter. */
  static Equation parameterDerivative(int l, String parameter, IExpr raw, IExpr simplified) {
    Equation.Builder equation = Equation.of(
            Formula.of("∂f_" + l + "/∂" + parameter + "(u)", "\\pd{f_{" + l + "}}{" + parameter + "}(u)"))
        .equalTo(Notation.plain(raw))
        .because("Symja's D in the learnable parameter " + parameter + ", which f_" + l + " reads as "
            + parameter + "^" + l + ", simplified")
        .introducing("∂f_" + l + "/∂" + parameter);
    if (!raw.equals(simplified)) {
      equation.equalTo(Notation.plain(simplified));
    }
    return equation.build();
  }

  /** ∂E/∂a^l: a^l reaches E through every unit's z^l_j, so the layer's units are summed. */
  static Equation parameterGradient(int l, String parameter, IExpr derivative) {
    String zText = "∂E/∂z^" + l + "_j";
    String zTex = "\\pd{E}{z^{(" + l + ")}_j}";
    return Equation.of(Formula.of("∂E/∂" + parameter + "^" + l, "\\pd{E}{" + parameter + "^{(" + l + ")}}"))
        .equalTo("Σ_j " + zText + " ∂f_" + l + "/∂" + parameter + "(u^" + l + "_j)",
            "\\sum_j " + zTex + "\\, \\pd{f_{" + l + "}}{" + parameter + "}\\bigl(u^{(" + l + ")}_j\\bigr)")
        .equalTo(Formula.of("Σ_j " + zText, "\\sum_j " + zTex + "\\, ")
            .then(Notation.factor(Notation.unit(derivative, l, "j"), derivative)))
        .because(parameter + "^" + l + " is shared by all n_" + l + " units of layer " + l
            + ", so its paths to E, one through each z^" + l + "_j, are summed; a step sums over the batch too")
        .introducing(parameter + "^" + l)
        .build();
  }
}
