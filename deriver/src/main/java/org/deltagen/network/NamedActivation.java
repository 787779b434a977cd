package org.deltagen.network;

import java.util.Map;

/**
 * The activations a spec can name. Each entry is only its defining expression in u, with the
 * defaults of its parameters: derivatives are always derived by Symja, never written here.
 * Non-smooth functions use {@code Piecewise}, which Symja differentiates piece by piece.
 */
public enum NamedActivation implements NamedRule {
  IDENTITY("u"),
  SIGMOID("1/(1 + Exp(-u))"),
  TANH("Tanh(u)"),
  RELU("Piecewise({{u, u > 0}}, 0)"),
  LEAKY_RELU("Piecewise({{u, u > 0}}, a*u)", Map.of("a", 0.01)),
  /** torch's nn.PReLU(): leaky-relu whose slope a is learned, one per layer. */
  PRELU("Piecewise({{u, u > 0}}, a*u)", Map.of("a", 0.25)),
  SOFTPLUS("Log(1 + Exp(u))"),
  GELU("u/2*(1 + Erf(u/Sqrt(2)))"),
  GELU_TANH("u/2*(1 + Tanh(Sqrt(2/Pi)*(u + 0.044715*u^3)))"),
  SILU("u/(1 + Exp(-u))"),
  SOFTSIGN("Piecewise({{u/(1 + u), u >= 0}}, u/(1 - u))"),
  ELU("Piecewise({{u, u > 0}}, a*(Exp(u) - 1))", Map.of("a", 1.0)),
  RBF("Exp(-u^2)"),
  /** z_j = Exp(u_j) / Σ_k Exp(u_k): the output layer's normalized exponential. */
  SOFTMAX("Exp(u)", Map.of(), true);

  private final Entry entry;
  private final boolean normalized;

  NamedActivation(String definition) {
    this(definition, Map.of(), false);
  }

  NamedActivation(String definition, Map<String, Double> parameters) {
    this(definition, parameters, false);
  }

  NamedActivation(String definition, Map<String, Double> parameters, boolean normalized) {
    this.entry = new Entry(definition, parameters);
    this.normalized = normalized;
  }

  /** f(u) and its parameters. */
  @Override
  public Entry entry() {
    return entry;
  }

  /**
   * True when a unit's output is f(u_j) divided by the layer's sum of f(u_k), as softmax's is: the
   * layer is then not element-wise.
   */
  public boolean normalized() {
    return normalized;
  }

  /** Whether the entry's parameters are learned like weights, rather than fixed constants. */
  public boolean learnsParameters() {
    return this == PRELU;
  }

  /** The entry called {@code keyword} in spec files, or null; {@code swish} is silu. */
  public static NamedActivation forKeyword(String keyword) {
    return "swish".equals(keyword) ? SILU : SpecKeyword.forKeyword(NamedActivation.class, keyword);
  }
}
