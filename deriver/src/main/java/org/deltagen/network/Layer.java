package org.deltagen.network;

import java.util.Objects;

/**
 * One layer l ≥ 1: n_l units, z^l_j = f_l(u^l_j), with or without the bias row w^l_{0j}, with an
 * optional normalization of u^l before f_l (z^l = f_l(û^l)), an optional dropout of f_l's output
 * in training and an optional residual connection z^l = f_l(·) + z^k.
 *
 * @param skip the residual connection into this layer, or null for none
 * @param norm the normalization of u^l, or null for none
 * @param dropout the dropout of f_l's output, or null for none
 */
public record Layer(int units, Activation activation, boolean bias, Skip skip, Norm norm, Dropout dropout,
    SourceLocation location) {
  public Layer {
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(location, "location");
  }

  /** A layer without a skip or a normalization. */
  public Layer(int units, Activation activation, boolean bias, SourceLocation location) {
    this(units, activation, bias, null, null, null, location);
  }

  /** A layer without dropout. */
  public Layer(int units, Activation activation, boolean bias, Skip skip, Norm norm, SourceLocation location) {
    this(units, activation, bias, skip, norm, null, location);
  }

  /** Whether u^l is normalized before f_l. */
  public boolean hasNorm() {
    return norm != null;
  }

  /** The size of the block of β^l and γ^l after the weights: 2 × n_l with a norm, else 0. */
  public int normParameters() {
    return hasNorm() ? 2 * units : 0;
  }

  /** Whether z^l also adds z^k of an earlier layer. */
  public boolean hasSkip() {
    return skip != null;
  }

  /** This layer with z^l = f_l(u^l) + z^k, k = {@code from}. */
  public Layer withSkip(int from, SourceLocation at) {
    return new Layer(units, activation, bias, new Skip(from, at), norm, dropout, location);
  }

  /** This layer with û^l = γ^l ⊙ (u^l − μ)/√(σ² + ε) + β^l before f_l. */
  public Layer withNorm(Norm normalization) {
    return new Layer(units, activation, bias, skip, normalization, dropout, location);
  }

  /** Whether f_l's output is dropped out in training: a dropout with p &gt; 0. */
  public boolean hasDropout() {
    return dropout != null && dropout.drops();
  }

  /** This layer with f_l's output dropped out in training with probability {@code drop.p()}. */
  public Layer withDropout(Dropout drop) {
    return new Layer(units, activation, bias, skip, norm, drop, location);
  }
}
