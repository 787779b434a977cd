package org.deltagen.codegen;

import com.palantir.javapoet.FieldSpec;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One sample's vectors as the code for it names them: u^l, z^l, δ^l, log z^L, x and d. Inside a
 * slot loop each name is a local holding slot s's row; the sample records which names the code
 * asked for, so that exactly those locals are declared.
 */
final class Sample {
  private final Vectors vectors;
  private final int depth;
  private final Set<FieldSpec> used = new LinkedHashSet<>();
  private boolean usesX;
  private boolean usesD;

  Sample(Vectors vectors) {
    this.vectors = vectors;
    this.depth = vectors.depth();
  }

  /** L, the output layer. */
  int depth() {
    return depth;
  }

  String u(int l) {
    return use(vectors.u(l));
  }

  String z(int l) {
    return use(vectors.z(l));
  }

  String delta(int l) {
    return use(vectors.delta(l));
  }

  /** What f_l reads: û^l in a layer with a norm, else u^l. */
  String activationInput(int l) {
    return vectors.norm(l) != null ? use(vectors.norm(l).normalized()) : u(l);
  }

  /** Where f_l' writes its δ: ∂E/∂û^l in a layer with a norm, which then gives δ^l, else δ^l. */
  String activationGradient(int l) {
    return vectors.norm(l) != null ? use(vectors.norm(l).gradient()) : delta(l);
  }

  /** û^l, x̂^l, 1/σ of each group and ∂E/∂û^l, in a layer with a norm. */
  String normalized(int l) {
    return use(vectors.norm(l).normalized());
  }

  String standardized(int l) {
    return use(vectors.norm(l).standardized());
  }

  String inverseDeviation(int l) {
    return use(vectors.norm(l).inverseDeviation());
  }

  String normalizedGradient(int l) {
    return use(vectors.norm(l).gradient());
  }

  /** ∂E/∂z^l, of a layer with a skip. */
  String outputGradient(int l) {
    return use(vectors.outputGradient(l));
  }

  /** m^l, of a layer with a dropout. */
  String mask(int l) {
    return use(vectors.mask(l));
  }

  String logZ() {
    return use(vectors.logZ());
  }

  /** z^{l-1}, the input of layer l: x for the first layer. */
  String input(int l) {
    return l == 1 ? x() : z(l - 1);
  }

  /** The inputs x = z^0. */
  String x() {
    usesX = true;
    return "x";
  }

  /** The targets d. */
  String d() {
    usesD = true;
    return "d";
  }

  /** Whether the code asked for {@code vector}'s name. */
  boolean uses(FieldSpec vector) {
    return used.contains(vector);
  }

  boolean usesX() {
    return usesX;
  }

  boolean usesD() {
    return usesD;
  }

  private String use(FieldSpec vector) {
    used.add(vector);
    return vector.name();
  }
}
