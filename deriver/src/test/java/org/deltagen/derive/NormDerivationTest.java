package org.deltagen.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deltagen.network.SpecException;
import org.deltagen.symbolic.SymbolicEngine;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;

/** Layer and group normalization in the graph, the steps and the δ recursion, through μ and σ². */
class NormDerivationTest {
  static final String NORMS = """
      network Norms
      input 5
      layer 6 relu norm=layer
      layer 6 tanh norm=group(g=2) skip=1
      layer 3 softmax
      loss cross-entropy
      """;

  @Test
  void theNormSitsBetweenTheWeightedSumAndTheActivation() throws SpecException {
    OperationGraph graph = SkipDerivationTest.derive(NORMS).graph();

    List<Operation> readers = graph.consumers(Vector.u(2));
    assertEquals(1, readers.size());
    Normalization norm = assertInstanceOf(Normalization.class, readers.get(0));
    assertEquals(3, norm.groupSize());
    assertEquals(List.of(Vector.normalized(2)), graph.activation(2).inputs());
    assertEquals("(1/σ)(g_j − (1/m) Σ_i g_i − x̂^2_j (1/m) Σ_i g_i x̂^2_i)", graph.delta(Vector.u(2)).text());
    assertEquals("∂E/∂z^2_j · f_2'(û^2_j)", graph.delta(Vector.normalized(2)).text());
    assertEquals(6 * 6, graph.normalization(1).offset(), "β^1 follows the 6 × 6 weights of layer 1");
    assertEquals(36 + 12 + 7 * 6, norm.offset(), "then γ^1 and the 7 × 6 weights of layer 2");
  }

  @Test
  void theStatisticsAreThoseOfTheGroup() throws SpecException {
    Derivation derivation = SkipDerivationTest.derive(NORMS);
    assertEquals("û^1_j = γ^1_j x̂^1_j + β^1_j,  x̂^1_j = (u^1_j − μ)/√(σ² + ε),  μ = (1/m) Σ_{i=1}^{6} u^1_i,"
        + "  σ² = (1/m) Σ_{i=1}^{6} (u^1_i − μ)²,  m = 6, ε = 0.00001",
        derivation.graph().normalization(1).forward().statement());
    assertTrue(derivation.graph().normalization(2).forward().statement().contains("μ = (1/m) Σ_{i∈G(j)} u^2_i"));
    assertEquals("z^2_j = f_2(û^2_j) + z^1_j,  ∂z^2_j/∂z^1_j = 1", derivation.graph().skips().get(0).forward().statement());
  }

  /** Each local partial is Symja's, and the three paths are shown before the compact form. */
  @Test
  void deltaGoesThroughTheMeanAndTheVariance() throws SpecException {
    Derivation derivation = SkipDerivationTest.derive(NORMS);
    Normalization norm = derivation.graph().normalization(1);

    assertEquals("δ^1_j = Σ_i ∂E/∂û^1_i (∂û^1_i/∂u^1_j + ∂û^1_i/∂μ ∂μ/∂u^1_j + ∂û^1_i/∂σ² ∂σ²/∂u^1_j)"
        + " = Σ_i ∂E/∂û^1_i ([i = j] γ^1_i/√(ε+σ²) + (-γ^1_i/√(ε+σ²))(1/m)"
        + " + ((1/2)*γ^1_i*(μ-u^1_i)/(ε+σ²)^(3/2))(2*(-μ+u^1_j)/m))"
        + " = (1/σ)(g_j − (1/m) Σ_i g_i − x̂^1_j (1/m) Σ_i g_i x̂^1_i),  g_i = γ^1_i ∂E/∂û^1_i, σ = √(σ² + ε)",
        norm.paths().statement());
    assertEquals("∂E/∂γ^1_j = ∂E/∂û^1_j ∂û^1_j/∂γ^1_j = ∂E/∂û^1_j · ((-μ+u^1_j)/√(ε+σ²)) = ∂E/∂û^1_j x̂^1_j,"
        + "  ∂E/∂β^1_j = ∂E/∂û^1_j · 1", norm.parameterGradient().statement());
    Step activationDelta = derivation.graph().activation(1).deltaStep();
    assertTrue(activationDelta.statement().startsWith("∂E/∂û^1_j = Σ_k δ^2_k ∂u^2_k/∂û^1_j + ∂E/∂z^2_j"),
        activationDelta.statement());
    assertTrue(activationDelta.number() < norm.paths().number());
    assertTrue(derivation.graph().gradient(1).text().startsWith("∂E/∂w^1_{ij} = ((1/σ)(g_j"));
  }

  /** The proof is a real one: a wrong local partial no longer sums to the compact form. */
  @Test
  void aWrongPartialFailsTheProof() {
    SymbolicEngine engine = SymbolicEngine.shared();
    NormPartials partials = NormPartials.derive(engine);
    NormPartials withoutVariancePath = new NormPartials(partials.normalized(), partials.direct(),
        partials.throughMean(), partials.throughVariance(), partials.meanPartial(), F.C0, partials.shift(),
        partials.scale());
    IllegalStateException failed = assertThrows(IllegalStateException.class, () -> withoutVariancePath.prove(engine));
    assertTrue(failed.getMessage().contains("compact form"));
  }
}
