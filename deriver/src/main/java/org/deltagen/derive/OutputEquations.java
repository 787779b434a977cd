package org.deltagen.derive;

import static org.deltagen.symbolic.Symbols.Y;
import static org.deltagen.symbolic.Symbols.Z;

import java.util.Map;
import org.deltagen.symbolic.Formula;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/** The equations of the output layer: ∂E/∂y, δ^L by one path or by the softmax's sum, cancellations. */
final class OutputEquations {
  /** Symja's names for two outputs of a softmax layer, written y_j and y_k. */
  private static final Map<ISymbol, String> JK = Map.of(F.symbol("y1"), "y_j", F.symbol("y2"), "y_k");

  private final int depth;
  private final Formula delta;
  private final Formula u;

  OutputEquations(int depth) {
    this.depth = depth;
    this.delta = Formula.of("δ^" + depth + "_j", "\\delta^{(" + depth + ")}_j");
    this.u = Formula.of("u^" + depth + "_j", "u^{(" + depth + ")}_j");
  }

  /** ∂E/∂y_j = ∂ℓ/∂y (y_j, d_j), as Symja derived it. */
  Equation lossDerivative(IExpr lossDerivative, IExpr raw) {
    return Equation.of(Formula.of("∂E/∂y_j", "\\pd{E}{y_j}"))
        .equalTo("∂ℓ/∂y (y_j, d_j)", "\\pd{\\ell}{y}(y_j, d_j)")
        .equalTo(Notation.output(lossDerivative, depth, "j"))
        .because("only the j-th term of E depends on y_j; Symja's D gave " + Formula.of(raw).text())
        .build();
  }

  /** ∂ℓ/∂y times f_L', with y = z^L: the one path from u^L_j to E. */
  Formula elementWiseProduct(IExpr lossDerivative, ActivationDerivative derivative) {
    IExpr fPrime = F.subst(derivative.chosen(), Z, Y);
    Formula loss = Notation.output(lossDerivative, depth, "j");
    return Notation.parenthesized(loss).then(Notation.factor(Notation.output(fPrime, depth, "j"), fPrime));
  }

  /** δ^L_j = ∂E/∂y_j f_L'(u^L_j) for an element-wise output layer. */
  Equation elementWiseDelta(Formula product) {
    return Equation.of(delta)
        .equalTo("∂E/∂y_j · f_" + depth + "'(u^" + depth + "_j)",
            "\\pd{E}{y_j}\\, f_{" + depth + "}'\\bigl(" + u.tex() + "\\bigr)")
        .equalTo(product)
        .because("y_j = z^" + depth + "_j = f_" + depth + "(u^" + depth + "_j) depends on u^" + depth
            + "_j alone, so the chain rule has a single path")
        .introducing("δ^" + depth)
        .build();
  }

  /** The product above, simplified until the factors cancel. */
  Equation elementWiseCancellation(Formula product, IExpr simplified) {
    return Equation.of(delta)
        .equalTo(product)
        .equalTo(Notation.output(simplified, depth, "j"))
        .because("with y = z^" + depth + ", the factors of ∂E/∂y_j and f_" + depth + "' cancel (Symja's Simplify)")
        .build();
  }

  /** ∂y_j/∂u_j and ∂y_k/∂u_j of a softmax layer, as Symja derived them. */
  Equation softmaxJacobian(IExpr diagonal, IExpr offDiagonal) {
    return Equation.of(Formula.of("∂y_j/∂" + u.text(), "\\pd{y_j}{" + u.tex() + "}"))
        .equalTo(Formula.of(diagonal, JK, JK))
        .where(Formula.of("∂y_k/∂" + u.text() + " = ", "\\pd{y_k}{" + u.tex() + "}=")
            .then(Formula.of(offDiagonal, JK, JK)).then(Formula.of(" (k ≠ j)", " \\quad (k \\ne j)")))
        .because("y_k = e^{u_k} / Σ_m e^{u_m}: u_j reaches y_k directly (k = j) and through the sum (every k)")
        .build();
  }

  /** δ^L_j of a softmax layer: the sum over every output y_k. */
  Equation softmaxDelta(IExpr lossDerivative) {
    Formula g = Notation.output(lossDerivative, depth, "k");
    return Equation.of(delta)
        .equalTo("Σ_k ∂E/∂y_k ∂y_k/∂" + u.text(), "\\sum_k \\pd{E}{y_k} \\pd{y_k}{" + u.tex() + "}")
        .equalTo(jacobianProduct())
        .where("g_k = ∂E/∂y_k = " + g.text(), "g_k=\\pd{E}{y_k}=" + g.tex())
        .because("every output y_k depends on u^" + depth + "_j, so the paths through all of them are summed")
        .introducing("δ^" + depth)
        .build();
  }

  /** y_j (g_j − Σ_k g_k y_k), the softmax Jacobian applied to g = ∂E/∂y. */
  static Formula jacobianProduct() {
    return Formula.of("y_j (g_j − Σ_k g_k y_k)", "y_j\\Bigl(g_j - \\sum_k g_k\\, y_k\\Bigr)");
  }

  /** The softmax sum worked out for three outputs, where Symja's Simplify cancels it to δ. */
  Equation softmaxCancellation(IExpr unsimplified, IExpr simplified) {
    Formula first = Notation.output(simplified, depth, "1");
    return Equation.of(Formula.of("Σ_{k=1}^{3} g_k ∂y_k/∂u_1", "\\sum_{k=1}^{3} g_k \\pd{y_k}{u_1}"))
        .equalTo(Notation.plain(unsimplified))
        .equalTo(first.then(Formula.of(" ⟹ ", " \\quad\\Longrightarrow\\quad ")).then(delta))
        .equalTo(Notation.output(simplified, depth, "j"))
        .because("for three outputs, Symja's Simplify with Σ_k y_k = 1 and Σ_k d_k = 1 (targets are one-hot or"
            + " probabilities); the units are symmetric, so the result holds for every j and every n")
        .build();
  }
}
