package org.deltagen.derive;

import java.util.IdentityHashMap;
import java.util.Map;
import org.deltagen.symbolic.Formula;
import org.deltagen.symbolic.SymbolicEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

/**
 * The local partial derivatives of a normalization û_i = γ_i (u_i − μ)/√(σ² + ε) + β_i, with μ
 * and σ² over the m units of i's group, each from Symja's {@code D}: u_j reaches û_i directly (i
 * = j), through μ and through σ². Their sum over the three paths, Σ_i ∂E/∂û_i (…), is proved
 * equal to the compact form (1/σ)(g_j − mean g − x̂_j mean(g x̂)), g_i = γ_i ∂E/∂û_i, x̂ = (u − μ)/σ,
 * σ = √(σ² + ε): Symja simplifies the difference of the two summands to 0 for symbolic m, so the
 * identity holds for every group size; the code computes the compact form in O(m). Batch norm is
 * the same algebra with i over the batch's m samples of one unit (γ and β then the same for every
 * summand, which the symbols γ_i, β_i cover), so these partials and this proof serve it too.
 *
 * @param normalized û_i as Symja holds it
 * @param direct ∂û_i/∂u_i, μ and σ² held
 * @param throughMean ∂û_i/∂μ
 * @param throughVariance ∂û_i/∂σ²
 * @param meanPartial ∂μ/∂u_j: 1/m
 * @param variancePartial ∂σ²/∂u_j, μ held: its own path through μ adds (−1/m)·(2/m)Σ_i(u_i − μ) = 0
 * @param shift ∂û_i/∂β_i: 1
 * @param scale ∂û_i/∂γ_i: x̂_i
 */
public record NormPartials(IExpr normalized, IExpr direct, IExpr throughMean, IExpr throughVariance,
    IExpr meanPartial, IExpr variancePartial, IExpr shift, IExpr scale) {
  // Names no Symja function has: in relaxed mode "gamma" would be Gamma, in which D cannot differentiate.
  static final ISymbol UI = F.symbol("normui");
  static final ISymbol UJ = F.symbol("normuj");
  static final ISymbol MU = F.symbol("normmu");
  static final ISymbol VARIANCE = F.symbol("normvariance");
  static final ISymbol EPS = F.symbol("normepsilon");
  static final ISymbol GAMMA = F.symbol("normgamma");
  static final ISymbol BETA = F.symbol("normbeta");
  static final ISymbol M = F.symbol("normsize");
  /** The rest of the group's sum, which does not hold u_j. */
  private static final ISymbol REST = F.symbol("normrest");
  /** ∂E/∂û_i, in the proof. */
  private static final ISymbol G = F.symbol("normgi");
  /** Kronecker's δ_ij, 1 for the direct path's one term. */
  private static final ISymbol KRONECKER = F.symbol("normkronecker");

  /** The partials derived and proved on each engine, once. */
  private static final Map<SymbolicEngine, NormPartials> DERIVED = new IdentityHashMap<>();

  /** The partials on {@code engine}: derived and proved the first time, then as they were. */
  static NormPartials of(SymbolicEngine engine) {
    synchronized (DERIVED) {
      return DERIVED.computeIfAbsent(engine, NormPartials::derive);
    }
  }

  /** Derives the partials and proves the compact form; a failed proof is deltagen's own fault. */
  static NormPartials derive(SymbolicEngine engine) {
    IExpr sigma = F.Sqrt(F.Plus(VARIANCE, EPS));
    IExpr normalized = F.Plus(F.Times(GAMMA, F.Subtract(UI, MU), F.Power(sigma, F.CN1)), BETA);
    IExpr mean = F.Times(F.Plus(UJ, REST), F.Power(M, F.CN1));
    IExpr variance = F.Times(F.Plus(F.Sqr(F.Subtract(UJ, MU)), REST), F.Power(M, F.CN1));
    NormPartials partials = new NormPartials(normalized,
        engine.derivative(normalized, UI), engine.derivative(normalized, MU), engine.derivative(normalized, VARIANCE),
        engine.derivative(mean, UJ), engine.derivative(variance, UJ),
        engine.derivative(normalized, BETA), engine.eval(F.Simplify(engine.derivative(normalized, GAMMA))));
    partials.prove(engine);
    return partials;
  }

  /** Symja simplifies Σ over the paths minus the compact form, summand by summand, to 0. */
  void prove(SymbolicEngine engine) {
    IExpr sigma = F.Sqrt(F.Plus(VARIANCE, EPS));
    IExpr paths = F.Times(G, F.Plus(F.Times(KRONECKER, direct), F.Times(throughMean, meanPartial),
        F.Times(throughVariance, variancePartial)));
    IExpr xi = F.Times(F.Subtract(UI, MU), F.Power(sigma, F.CN1));
    IExpr xj = F.Times(F.Subtract(UJ, MU), F.Power(sigma, F.CN1));
    IExpr g = F.Times(GAMMA, G);
    IExpr compact = F.Times(F.Power(sigma, F.CN1),
        F.Plus(F.Times(KRONECKER, g), F.Times(F.CN1, g, F.Power(M, F.CN1)),
            F.Times(F.CN1, xj, g, xi, F.Power(M, F.CN1))));
    IExpr difference = engine.eval(F.Simplify(F.Subtract(paths, compact)));
    if (!difference.isZero()) {
      throw new IllegalStateException("the paths through μ and σ² do not sum to the compact form: " + difference);
    }
  }

  /** One of the partials with u_i, u_j, μ, σ², ε, γ_i, m in the report's notation for layer l. */
  static Formula formula(IExpr expression, int l) {
    return formula(expression, l, "i");
  }

  /**
   * A partial of batch norm, whose sum runs over the batch's samples r of unit j: u_i is u^l_j[r],
   * u_j is u^l_j[s], γ and β are unit j's, m is the batch's size; the algebra is layer norm's.
   */
  static Formula batchFormula(IExpr expression, int l) {
    String layer = String.valueOf(l);
    Map<ISymbol, String> text = Map.of(UI, "u^" + layer + "_j[r]", UJ, "u^" + layer + "_j[s]", MU, "μ_j",
        VARIANCE, "σ²_j", EPS, "ε", GAMMA, "γ^" + layer + "_j", BETA, "β^" + layer + "_j", M, "m");
    Map<ISymbol, String> tex = Map.of(UI, "u^{(" + layer + ")}_j[r]", UJ, "u^{(" + layer + ")}_j[s]", MU, "\\mu_j",
        VARIANCE, "\\sigma^2_j", EPS, "\\varepsilon", GAMMA, "\\gamma^{(" + layer + ")}_j", BETA,
        "\\beta^{(" + layer + ")}_j", M, "m");
    return Formula.of(expression, text, tex);
  }

  /** As {@link #formula(IExpr, int)}, with u_i, γ_i and β_i those of unit {@code index}. */
  static Formula formula(IExpr expression, int l, String index) {
    String layer = String.valueOf(l);
    String i = index;
    Map<ISymbol, String> text = Map.of(UI, "u^" + layer + "_" + i, UJ, "u^" + layer + "_j", MU, "μ", VARIANCE, "σ²",
        EPS, "ε", GAMMA, "γ^" + layer + "_" + i, BETA, "β^" + layer + "_" + i, M, "m");
    Map<ISymbol, String> tex = Map.of(UI, "u^{(" + layer + ")}_" + i, UJ, "u^{(" + layer + ")}_j", MU, "\\mu",
        VARIANCE, "\\sigma^2", EPS, "\\varepsilon", GAMMA, "\\gamma^{(" + layer + ")}_" + i, BETA,
        "\\beta^{(" + layer + ")}_" + i, M, "m");
    return Formula.of(expression, text, tex);
  }
}
