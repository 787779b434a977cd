package org.deltagen.derive;

import static org.deltagen.symbolic.Symbols.U;

import org.deltagen.symbolic.SymbolicEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * max |f'(u)| of an activation, the factor by which a layer can at most scale δ on its way back
 * (seed 003: 0.25 for sigmoid, so k sigmoid layers shrink it by up to 0.25^k). Found on a grid of
 * u over [−8, 8] refined around the best point; Symja's evaluation of the derived f' gives the
 * values.
 *
 * @param maximum the largest |f'(u)| found
 * @param at where it was found
 */
public record DerivativeBound(double maximum, double at) {
  private static final double RANGE = 8;
  private static final int POINTS = 321;

  /**
   * The bound of layer l's f', which must be element-wise; learnable parameters at their initial
   * values, where training starts.
   */
  public static DerivativeBound of(LayerActivation layer, SymbolicEngine engine) {
    return of(layer.spec().activation().atInitialValues(layer.derivative().simplified()), engine);
  }

  /** The bound of {@code derivative}, f'(u) in u alone. */
  public static DerivativeBound of(IExpr derivative, SymbolicEngine engine) {
    double step = 2 * RANGE / (POINTS - 1);
    DerivativeBound best = sample(derivative, engine, -RANGE, step, POINTS);
    // Refine twice around the best grid point.
    for (int round = 0; round < 2; round++) {
      double from = best.at - step;
      step /= 40;
      DerivativeBound refined = sample(derivative, engine, from, step, 81);
      best = refined.maximum > best.maximum ? refined : best;
    }
    return best;
  }

  private static DerivativeBound sample(
      IExpr derivative, SymbolicEngine engine, double from, double step, int count) {
    DerivativeBound best = new DerivativeBound(-1, 0);
    for (int k = 0; k < count; k++) {
      double u = from + k * step;
      double value = Math.abs(engine.evalf(F.subst(derivative, U, F.num(u))));
      if (Double.isFinite(value) && value > best.maximum) {
        best = new DerivativeBound(value, u);
      }
    }
    return best;
  }
}
