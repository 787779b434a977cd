package org.deltagen.derive;

/**
 * A named vector of the network that operations read and write: x = z^0, u^l, z^l, y = z^L,
 * f_l(u^l) where a skip or a dropout follows, h^l = m^l ⊙ f_l(u^l) where a skip adds to the
 * dropped vector, û^l where a norm normalizes u^l, and the error E. δ of a vector, ∂E/∂v, is the sum over the operations that consume it.
 *
 * @param kind which quantity
 * @param layer l, or 0 for the error E
 */
public record Vector(Kind kind, int layer) {
  /** Which quantity of layer l. */
  public enum Kind {
    /** u^l, the weighted sums. */
    WEIGHTED_SUM,
    /** z^l, the units' outputs; z^0 is the input x. */
    OUTPUT,
    /** f_l(u^l), the activation's value, where a skip then adds z^k to make z^l or a dropout masks it. */
    ACTIVATED,
    /** h^l = m^l ⊙ f_l(u^l), the activation's value dropped out, where a skip then adds z^k. */
    DROPPED,
    /** û^l, the weighted sums normalized, which f_l reads where the layer has a norm. */
    NORMALIZED,
    /** E, the error of one sample. */
    ERROR
  }

  public static final Vector ERROR = new Vector(Kind.ERROR, 0);

  public Vector {
    if (layer < 0 || layer == 0 && kind != Kind.OUTPUT && kind != Kind.ERROR) {
      throw new IllegalArgumentException("no vector " + kind + " of layer " + layer);
    }
  }

  /** u^l. */
  public static Vector u(int l) {
    return new Vector(Kind.WEIGHTED_SUM, l);
  }

  /** z^l. */
  public static Vector z(int l) {
    return new Vector(Kind.OUTPUT, l);
  }

  /** f_l(u^l), before a skip adds to it. */
  public static Vector activated(int l) {
    return new Vector(Kind.ACTIVATED, l);
  }

  /** h^l, f_l(u^l) dropped out, before a skip adds to it. */
  public static Vector dropped(int l) {
    return new Vector(Kind.DROPPED, l);
  }

  /** û^l, u^l normalized. */
  public static Vector normalized(int l) {
    return new Vector(Kind.NORMALIZED, l);
  }

  /** u^2, z^0, f_2(u^2), û^2 or E, as text. */
  public String text() {
    return switch (kind) {
      case WEIGHTED_SUM -> "u^" + layer;
      case OUTPUT -> "z^" + layer;
      case ACTIVATED -> "f_" + layer + "(u^" + layer + ")";
      case DROPPED -> "h^" + layer;
      case NORMALIZED -> "û^" + layer;
      case ERROR -> "E";
    };
  }
}
