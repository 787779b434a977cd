package org.deltagen.codegen;

import org.deltagen.network.NetworkSpec;

/**
 * Where w^l_{ij} lives in the flat parameter array, as Java code: layer l's block starts at the
 * constant {@code Wl}, row i (0 the bias row, if any) holds n_l columns.
 */
record ParameterIndex(NetworkSpec spec) {
  /** The constant holding the index of layer l's block. */
  static String offset(int l) {
    return "W" + l;
  }

  /** {@code array[Wl + index]} for row {@code row} (0 the bias row, if any) and column j of layer l. */
  String element(String array, int l, int row, int j) {
    int index = row * spec.units(l) + j;
    return index == 0 ? array + "[" + offset(l) + "]" : array + "[" + offset(l) + " + " + index + "]";
  }

  /** The row of input z^{l-1}_i of layer l's block: 1 + i with a bias row, i without. */
  int inputRow(int l, int i) {
    return spec.layer(l).bias() ? i + 1 : i;
  }

  /** The index of the row of input {@code inputIndex} (a Java expression) in layer l's block. */
  String rowIndex(int l, String inputIndex) {
    String row = spec.layer(l).bias() ? "(" + inputIndex + " + 1)" : inputIndex;
    return offset(l) + " + " + row + " * " + spec.units(l);
  }

  /** The constant holding the index of layer l's first learnable activation parameter, a^l. */
  static String learned(int l) {
    return "A" + l;
  }

  /** {@code array[Al + p]}: the activation's p-th learnable parameter (from 0) of layer l. */
  static String learnedElement(String array, int l, int p) {
    return p == 0 ? array + "[" + learned(l) + "]" : array + "[" + learned(l) + " + " + p + "]";
  }

  /** The constant holding the index of layer l's normalization block: β^l, then γ^l. */
  static String norm(int l) {
    return "NORM" + l;
  }

  /**
   * Where layer l's weight block ends: its normalization block, its activation's parameters, or
   * the layer's end without either.
   */
  String weightEnd(int l) {
    if (spec.layer(l).hasNorm()) {
      return norm(l);
    }
    return spec.layer(l).activation().learns() ? learned(l) : end(l);
  }

  /** Where layer l's parameters end: the next layer's offset, or PARAMETERS after the last. */
  String end(int l) {
    return l == spec.depth() ? "PARAMETERS" : offset(l + 1);
  }
}
