package org.deltagen.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deltagen.derive.ActivationDerivative.Form;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.api.Test;

/** The residual connection z^l = f_l(u^l) + z^k in the graph, the steps and the δ recursion. */
class SkipDerivationTest {
  private static final Deriver DERIVER = new Deriver();
  /** The reference case Residual: a skip onto a layer that itself has one. */
  static final String RESIDUAL = """
      network Residual
      input 3
      layer 4 tanh
      layer 4 tanh skip=1
      layer 4 relu skip=2
      layer 2 identity
      loss half-sse
      """;

  /** The derivation of a spec written out, on the JVM's one deriver. */
  static Derivation derive(String text) throws SpecException {
    NetworkSpec spec = SpecParser.parse("net.nn", text);
    return DERIVER.derive(spec);
  }

  @Test
  void theSkipSourcesDeltaSumsTheWeightedSumAndTheSkip() throws SpecException {
    Derivation derivation = derive(RESIDUAL);
    OperationGraph graph = derivation.graph();

    assertEquals("Σ_k δ^3_k w^3_{jk} + ∂E/∂z^3_j", graph.delta(Vector.z(2)).text());
    assertEquals("Σ_k δ^2_k w^2_{jk} + ∂E/∂z^2_j", graph.delta(Vector.z(1)).text());
    assertEquals("Σ_k δ^4_k w^4_{jk}", graph.delta(Vector.z(3)).text());
    assertEquals(List.of(2, 3), graph.skips().stream().map(SkipConnection::layer).toList());
    assertEquals(2, graph.consumers(Vector.z(1)).size(), "u^2 and the skip into z^2 read z^1");
  }

  @Test
  void theDeltaStepShowsTheExtraTermAndTheOutputGradientIsItsOwnStep() throws SpecException {
    Derivation derivation = derive(RESIDUAL);
    Step delta1 = derivation.graph().activation(1).deltaStep();
    Step gradient2 = derivation.graph().skips().get(0).outputGradient();

    assertEquals("δ^1_j = Σ_k δ^2_k ∂u^2_k/∂u^1_j + ∂E/∂z^2_j ∂z^2_j/∂u^1_j"
        + " = (Σ_k δ^2_k w^2_{jk} + ∂E/∂z^2_j) · f_1'(u^1_j) = (Σ_k δ^2_k w^2_{jk} + ∂E/∂z^2_j) · (1-(z^1_j)^2)",
        delta1.statement());
    assertEquals("∂E/∂z^2_j = Σ_k δ^3_k w^3_{jk} + ∂E/∂z^3_j", gradient2.statement());
    assertTrue(gradient2.number() < derivation.graph().activation(2).deltaStep().number());
    assertEquals("z^2_j = f_2(u^2_j) + z^1_j,  ∂z^2_j/∂z^1_j = 1",
        derivation.graph().skips().get(0).forward().statement());
  }

  /** The trap: tanh' = 1 − z² would read z^2 = tanh(u^2) + z^1. */
  @Test
  void aTanhLayerWithASkipReadsItsDerivativeFromU() throws SpecException {
    Derivation derivation = derive(RESIDUAL);

    assertEquals(Form.IN_Z, derivation.graph().activation(1).derivative().form());
    ActivationDerivative skipped = derivation.graph().activation(2).derivative();
    assertEquals(Form.IN_U, skipped.form());
    assertTrue(skipped.chosen().isFree(org.deltagen.symbolic.Symbols.Z), skipped.chosen().toString());
    assertTrue(derivation.graph().activation(2).deltaStep().statement().contains("u^2_j"));
  }
}
