package org.deltagen.derive;

import static org.deltagen.symbolic.Symbols.D;
import static org.deltagen.symbolic.Symbols.U;
import static org.deltagen.symbolic.Symbols.Y;
import static org.deltagen.symbolic.Symbols.Z;

import java.util.List;
import org.deltagen.network.Activation;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SpecException;
import org.deltagen.symbolic.Cost;
import org.deltagen.symbolic.SymbolicEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * Derives δ^L. Element-wise: ∂ℓ/∂y · f'(u), simplified when that is cheaper. Softmax: the
 * Jacobian ∂y_k/∂u_j by the chain rule through the layer's sum, then the sum over all paths for
 * three representative outputs (the units are symmetric, so three show every kind of term), with
 * the targets summing to 1; when that sum reduces to an expression in y_1 and d_1 alone, that is
 * δ^L_j for every j and every n.
 */
final class OutputDeriver {
  private static final ISymbol[] YS = {F.symbol("y1"), F.symbol("y2"), F.symbol("y3")};
  private static final ISymbol[] DS = {F.symbol("d1"), F.symbol("d2"), F.symbol("d3")};
  /** g(u) of the unit differentiated, of another unit, and of all the rest; and their sum s. */
  private static final ISymbol P = F.symbol("p");
  private static final ISymbol Q = F.symbol("q");
  private static final ISymbol R = F.symbol("r");
  private static final ISymbol S = F.symbol("s");

  private final SymbolicEngine engine;

  OutputDeriver(SymbolicEngine engine) {
    this.engine = engine;
  }

  /** What the derivation found, before it is numbered into steps. */
  record Result(
      IExpr delta, IExpr unsimplified, boolean fused, IExpr jacobianDiagonal, IExpr jacobianOffDiagonal) {}

  Result elementWise(IExpr lossGradient, ActivationDerivative derivative) {
    IExpr fPrime = F.subst(derivative.chosen(), Z, Y);
    if (fPrime.isOne()) {
      return new Result(lossGradient, lossGradient, false, null, null);
    }
    IExpr product = F.Times(lossGradient, fPrime);
    IExpr simplified = engine.eval(F.Simplify(product));
    // A cancellation, as sigmoid's y(1 − y) against binary cross-entropy's denominators, leaves
    // less than either factor; mere reordering does not.
    boolean fused = Cost.of(simplified) < Math.max(Cost.of(lossGradient), Cost.of(fPrime));
    return new Result(fused ? simplified : product, product, fused, null, null);
  }

  Result normalized(IExpr lossGradient, Activation activation) throws SpecException {
    IExpr g = engine.eval(activation.definition().tree());
    // How p = g(u_j) changes with u_j, written in p itself (for Exp, dp/du = p).
    IExpr dp = engine.eval(F.subst(engine.derivative(g, U), g, P));
    if (!dp.isFree(U)) {
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG030, activation.definition().location(),
              "cannot write the derivative of " + g + " in terms of itself, as normalizing needs"));
    }
    IExpr sum = F.Plus(P, Q, R);
    IExpr diagonal = inOutputs(F.Times(F.D(F.Divide(P, sum), P), dp));
    IExpr offDiagonal = inOutputs(F.Times(F.D(F.Divide(Q, sum), P), dp));
    IExpr pathSum = F.C0;
    for (int k = 0; k < 3; k++) {
      IExpr jacobian = k == 0 ? diagonal : F.subst(offDiagonal, YS[1], YS[k]);
      pathSum = F.Plus(pathSum, F.Times(gradientOf(lossGradient, k), jacobian));
    }
    IExpr constrained =
        engine.eval(F.Simplify(F.subst(F.subst(pathSum, DS[2], F.Subtract(F.C1, F.Plus(DS[0], DS[1]))),
            YS[2], F.Subtract(F.C1, F.Plus(YS[0], YS[1])))));
    boolean fused = constrained.isFree(YS[1]) && constrained.isFree(DS[1]) && !constrained.equals(F.$Aborted);
    IExpr delta = fused ? F.subst(F.subst(constrained, YS[0], Y), DS[0], D) : null;
    return new Result(delta, engine.eval(pathSum), fused, diagonal, offDiagonal);
  }

  /** ∂y_j/∂p·dp with p, q, r written as y1·s, y2·s and (1 − y1 − y2)·s, simplified. */
  private IExpr inOutputs(IExpr expression) {
    IExpr evaluated = engine.eval(expression);
    IExpr substituted = F.subst(F.subst(F.subst(evaluated, P, F.Times(YS[0], S)), Q, F.Times(YS[1], S)),
        R, F.Times(F.Subtract(F.C1, F.Plus(YS[0], YS[1])), S));
    return engine.eval(F.Simplify(substituted));
  }

  private static IExpr gradientOf(IExpr lossGradient, int k) {
    return F.subst(F.subst(lossGradient, Y, YS[k]), D, DS[k]);
  }

  /** The three representative outputs' symbols, for the report: y1, y2, y3 and d1, d2, d3. */
  static List<ISymbol> representatives() {
    return List.of(YS[0], YS[1], YS[2], DS[0], DS[1], DS[2]);
  }
}
