package org.deltagen.derive;

import static org.deltagen.symbolic.Symbols.W;

import org.deltagen.network.Schedule;
import org.deltagen.symbolic.Formula;
import org.deltagen.symbolic.MathFunction;
import org.deltagen.symbolic.SymbolicEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * The L1 penalty λ₁ Σ|w^l_{ij}| over the weight rows (i ≥ 1: the bias row 0 has none), which a step
 * adds to its batch error once, and its gradient λ₁·∂|w|/∂w. Symja derives the gradient: |w| is
 * written w·sign(w), equal to it everywhere including 0, and D of that, piece by piece, gives
 * (1 if w &gt; 0, −1 if w &lt; 0, else 0), which is sign(w) with sign(0) = 0: torch's gradient of abs
 * at 0. (D of Abs's own piecewise form would give 1 at 0.)
 *
 * @param lambda λ₁, positive
 * @param magnitude |w|, as the code evaluates it
 * @param raw ∂(w·sign(w))/∂w as Symja's D gave it
 * @param derivative the same derivative in the form the code evaluates: sign(w) when Symja's pieces
 *     are sign's, else the pieces
 */
public record Penalty(double lambda, IExpr magnitude, IExpr raw, IExpr derivative) {
  /** The penalty of the spec's λ₁, derived by the engine. */
  static Penalty derive(SymbolicEngine engine, double lambda) {
    IExpr raw = engine.derivative(F.Times(W, F.Sign(W)), W);
    IExpr sign = engine.eval(MathFunction.piecewiseForm(F.Sign(W)));
    return new Penalty(lambda, F.Abs(W), raw, raw.equals(sign) ? F.Sign(W) : raw);
  }

  /** E_B = (the batch's errors combined) + λ₁ Σ_l Σ_{i≥1} Σ_j |w^l_{ij}|. */
  Equation batchError(Formula combined) {
    return Equation.of(Formula.of("E_B", "E_B"))
        .equalTo(combined.then(Formula.of(" + λ₁ Σ_l Σ_{i≥1} Σ_j |w^l_{ij}|",
            " + \\lambda_1 \\sum_l \\sum_{i \\ge 1} \\sum_j \\bigl\\lvert w^{(l)}_{ij}\\bigr\\rvert")))
        .where("λ₁ = " + Schedule.decimal(lambda), "\\lambda_1 = " + Schedule.decimal(lambda))
        .because("L1 regularization adds a multiple of every weight's magnitude, none for the biases (row 0),"
            + " once per step")
        .introducing("E_B", "λ₁")
        .build();
  }

  /** ∂(λ₁|w|)/∂w = λ₁ ∂(w sign(w))/∂w = λ₁ · (Symja's pieces) = λ₁ sign(w). */
  Equation gradient() {
    Formula left = Formula.of("∂(λ₁|w|)/∂w", "\\pd{(\\lambda_1 \\lvert w\\rvert)}{w}");
    Equation.Builder equation = Equation.of(left)
        .equalTo("λ₁ ∂(w sign(w))/∂w", "\\lambda_1 \\pd{(w \\operatorname{sgn} w)}{w}")
        .equalTo(Formula.of("λ₁ ", "\\lambda_1 ").then(Notation.parenthesized(Notation.plain(raw))));
    if (!derivative.equals(raw)) {
      equation.equalTo(Formula.of("λ₁ ", "\\lambda_1 ").then(Notation.plain(derivative)));
    }
    return equation
        .because("|w| = w sign(w), also at 0; Symja's D of it, piece by piece, gives the gradient, 0 at w = 0"
            + " as torch's")
        .build();
  }
}
