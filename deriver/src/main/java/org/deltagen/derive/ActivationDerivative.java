package org.deltagen.derive;

import java.util.Objects;
import org.matheclipse.core.interfaces.IExpr;

/**
 * f'(u) as Symja derived it: the raw result of {@code D}, its simplified form, and, where f can be
 * inverted, the same derivative written in z = f(u) (σ' = z(1 − z), tanh' = 1 − z²). {@link
 * #chosen()} is the cheaper form, which the generated code evaluates.
 *
 * @param function f(u)
 * @param raw {@code D(f(u), u)} as Symja returns it
 * @param simplified {@code Simplify} of the raw derivative, in u
 * @param inZ the derivative in z, verified numerically, or null when f has no usable inverse
 * @param form which of the forms the code uses
 */
public record ActivationDerivative(
    IExpr function, IExpr raw, IExpr simplified, IExpr inZ, Form form) {

  /** Which variable the chosen form of f' reads. */
  public enum Form {
    /** f' is a constant (identity: 1). */
    CONSTANT,
    /** f' is evaluated from u. */
    IN_U,
    /** f' is evaluated from the unit's output z, which the forward pass already computed. */
    IN_Z
  }

  public ActivationDerivative {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(simplified, "simplified");
    Objects.requireNonNull(form, "form");
    if (form == Form.IN_Z && inZ == null) {
      throw new IllegalArgumentException("the z form was chosen but there is none");
    }
  }

  /**
   * The same derivative evaluated from u: for a layer whose output also adds a skip's z^k, where
   * z^l = f(u^l) + z^k is not f(u^l) and a form in z would read the wrong value.
   */
  public ActivationDerivative inU() {
    return form == Form.IN_Z ? new ActivationDerivative(function, raw, simplified, inZ, Form.IN_U) : this;
  }

  /** The form the generated code evaluates. */
  public IExpr chosen() {
    return form == Form.IN_Z ? inZ : simplified;
  }
}
