package org.deltagen.derive;

import static org.deltagen.symbolic.Symbols.U;
import static org.deltagen.symbolic.Symbols.Z;

import org.deltagen.derive.ActivationDerivative.Form;
import org.deltagen.network.Activation;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SpecException;
import org.deltagen.symbolic.Cost;
import org.deltagen.symbolic.SymbolicEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Derives f'(u) for an activation with Symja: differentiate, simplify, and where f can be inverted
 * rewrite the derivative in z = f(u), keeping that form only if it is cheaper and agrees with the
 * u form at sample points (an inverse may pick a wrong branch).
 */
final class ActivationDeriver {
  private static final double[] SAMPLE_POINTS = {-2.3, -1.1, -0.35, 0.4, 1.3, 2.6};
  private static final double AGREEMENT = 1e-9;

  private final SymbolicEngine engine;

  ActivationDeriver(SymbolicEngine engine) {
    this.engine = engine;
  }

  ActivationDerivative derive(Activation activation) throws SpecException {
    IExpr function = engine.eval(activation.definition().tree());
    IExpr raw = engine.derivative(function, U);
    if (raw.equals(F.$Aborted)) {
      throw new SymbolicEngine.DeadlineExceeded(SymbolicEngine.TIME_LIMIT_SECONDS);
    }
    if (!isDerived(raw)) {
      throw new SpecException(
          Diagnostic.of(
                  ErrorCode.DG030,
                  activation.definition().location(),
                  "Symja cannot differentiate activation '" + activation.definition().text()
                      + "': D gave " + raw)
              .withHint("write non-smooth parts with Piecewise, e.g. Piecewise({{u, u > 0}}, 0)"));
    }
    IExpr simplified = Expressions.cheaper(raw, engine.eval(F.Simplify(raw)));
    if (simplified.isFree(U)) {
      return new ActivationDerivative(function, raw, simplified, null, Form.CONSTANT);
    }
    // With learnable parameters f cannot be inverted at sample points: f' stays in u.
    IExpr inZ = Cost.isTranscendental(simplified) && !activation.learns()
        ? rewriteInZ(function, raw, simplified) : null;
    Form form = inZ != null && Cost.of(inZ) < Cost.of(simplified) ? Form.IN_Z : Form.IN_U;
    return new ActivationDerivative(function, raw, simplified, inZ, form);
  }

  /**
   * ∂f/∂{@code parameter} by Symja's D: the raw result and its cheaper simplified form, or a
   * located DG030 when Symja cannot differentiate it.
   */
  IExpr[] parameterDerivative(Activation activation, String parameter) throws SpecException {
    IExpr function = engine.eval(activation.definition().tree());
    IExpr raw = engine.derivative(function, F.symbol(parameter));
    if (raw.equals(F.$Aborted)) {
      throw new SymbolicEngine.DeadlineExceeded(SymbolicEngine.TIME_LIMIT_SECONDS);
    }
    if (!isDerived(raw)) {
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG030, activation.definition().location(),
                  "Symja cannot differentiate activation '" + activation.definition().text() + "' in its parameter "
                      + parameter + ": D gave " + raw)
              .withHint("write non-smooth parts with Piecewise, e.g. Piecewise({{u, u > 0}}, a*u)"));
    }
    return new IExpr[] {raw, Expressions.cheaper(raw, engine.eval(F.Simplify(raw)))};
  }

  /** False when Symja left a derivative unevaluated (such as {@code Abs'(u)}) or gave up. */
  static boolean isDerived(IExpr derivative) {
    return !derivative.equals(F.$Aborted)
        && !derivative.has(ActivationDeriver::isUnevaluatedDerivative, true);
  }

  private static boolean isUnevaluatedDerivative(IExpr expression) {
    return expression.isAST(F.D) || expression.isAST(F.Derivative);
  }

  /** f'(u) in z, by solving z = f(u) for u; null when no solution gives a verified, u-free form. */
  private IExpr rewriteInZ(IExpr function, IExpr raw, IExpr simplified) {
    IExpr solutions = engine.eval(F.Solve(F.Equal(Z, function), U));
    if (!solutions.isList()) {
      return null;
    }
    for (IExpr solution : (IAST) solutions) {
      IExpr inverse = principalBranch(solution);
      if (inverse == null) {
        continue;
      }
      for (IExpr derivative : new IExpr[] {raw, simplified}) {
        IExpr candidate = engine.eval(F.Simplify(F.subst(derivative, U, inverse)));
        // Only an algebraic form in z is worth it: a transcendental one such as
        // 1 - Cosh(z) + Sinh(z) for softplus is no cheaper and cancels catastrophically.
        if (candidate.isFree(U) && !Cost.isTranscendental(candidate) && agrees(candidate, simplified, function)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /** The right-hand side of {@code {u -> g(z)}}, with Solve's integer constants C(k) set to 0. */
  private static IExpr principalBranch(IExpr solution) {
    if (!solution.isList() || ((IAST) solution).argSize() != 1 || !solution.first().isRuleAST()) {
      return null;
    }
    IExpr inverse = solution.first().second();
    if (inverse.isAST(F.ConditionalExpression)) {
      inverse = inverse.first();
    }
    return F.subst(inverse, expression -> expression.isAST(F.C, 2) ? F.C0 : F.NIL);
  }

  private boolean agrees(IExpr inZ, IExpr inU, IExpr function) {
    for (double u : SAMPLE_POINTS) {
      double z = engine.evalf(F.subst(function, U, F.num(u)));
      double expected = engine.evalf(F.subst(inU, U, F.num(u)));
      double actual = engine.evalf(F.subst(inZ, Z, F.num(z)));
      if (!Double.isFinite(expected)
          || !Double.isFinite(actual)
          || Math.abs(actual - expected) > AGREEMENT * Math.max(1, Math.abs(expected))) {
        return false;
      }
    }
    return true;
  }
}
