package org.deltagen.network;

import java.util.Map;

/**
 * The activations a spec can name. Each entry is only its defining expression in u, with the
 * defaults of its parameters: derivatives are always derived by Symja, never written here.
 * Non-smooth functions use {@code Piecewise}, which Symja differentiates piece by piece.
 */
public enum NamedActivation {
  IDENTITY("identity", "u"),
  SIGMOID("sigmoid", "1/(1 + Exp(-u))"),
  TANH("tanh", "Tanh(u)"),
  RELU("relu", "Piecewise({{u, u > 0}}, 0)"),
  LEAKY_RELU("leaky-relu", "Piecewise({{u, u > 0}}, a*u)", Map.of("a", 0.01)),
  SOFTPLUS("softplus", "Log(1 + Exp(u))"),
  GELU("gelu", "u/2*(1 + Erf(u/Sqrt(2)))"),
  GELU_TANH("gelu-tanh", "u/2*(1 + Tanh(Sqrt(2/Pi)*(u + 0.044715*u^3)))"),
  SILU("silu", "u/(1 + Exp(-u))"),
  SOFTSIGN("softsign", "Piecewise({{u/(1 + u), u >= 0}}, u/(1 - u))"),
  ELU("elu", "Piecewise({{u, u > 0}}, a*(Exp(u) - 1))", Map.of("a", 1.0)),
  RBF("rbf", "Exp(-u^2)"),
  /** z_j = Exp(u_j) / Σ_k Exp(u_k): the output layer's normalized exponential. */
  SOFTMAX("softmax", "Exp(u)", Map.of(), true);

  private final String keyword;
  private final String definition;
  private final Map<String, Double> parameters;
  private final boolean normalized;

  NamedActivation(String keyword, String definition) {
    this(keyword, definition, Map.of(), false);
  }

  NamedActivation(String keyword, String definition, Map<String, Double> parameters) {
    this(keyword, definition, parameters, false);
  }

  NamedActivation(String keyword, String definition, Map<String, Double> parameters, boolean normalized) {
    this.keyword = keyword;
    this.definition = definition;
    this.parameters = parameters;
    this.normalized = normalized;
  }

  /** The name used in spec files. */
  public String keyword() {
    return keyword;
  }

  /** f(u), in Symja syntax, using the parameters by name. */
  public String definition() {
    return definition;
  }

  /** Each parameter's default value. */
  public Map<String, Double> parameters() {
    return parameters;
  }

  /**
   * True when a unit's output is f(u_j) divided by the layer's sum of f(u_k), as softmax's is: the
   * layer is then not element-wise.
   */
  public boolean normalized() {
    return normalized;
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
