package org.deltagen.spec;

/**
 * The activations a spec can name. Each entry is only its defining expression in u: derivatives
 * are always derived by Symja, never written here. ReLU-type functions use {@code Piecewise} so
 * that Symja can differentiate them.
 */
public enum NamedActivation {
  IDENTITY("identity", "u"),
  SIGMOID("sigmoid", "1/(1+Exp(-u))"),
  TANH("tanh", "Tanh(u)"),
  RELU("relu", "Piecewise({{u, u > 0}}, 0)");

  private final String keyword;
  private final String definition;

  NamedActivation(String keyword, String definition) {
    this.keyword = keyword;
    this.definition = definition;
  }

  /** The name used in spec files. */
  public String keyword() {
    return keyword;
  }

  /** f(u), in Symja syntax. */
  public String definition() {
    return definition;
  }

  /** The entry called {@code keyword} in spec files, or null. */
  public static NamedActivation forKeyword(String keyword) {
    for (NamedActivation activation : values()) {
      if (activation.keyword.equals(keyword)) {
        return activation;
      }
    }
    return null;
  }
}
