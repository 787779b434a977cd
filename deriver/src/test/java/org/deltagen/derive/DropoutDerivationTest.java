package org.deltagen.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deltagen.derive.ActivationDerivative.Form;
import org.deltagen.network.SpecException;
import org.deltagen.symbolic.Symbols;
import org.junit.jupiter.api.Test;

/** Inverted dropout z^l = m^l ⊙ f_l(u^l) in the graph, the steps and the δ recursion. */
class DropoutDerivationTest {
  /** A dropout alone, and one before a skip. */
  static final String DROPPED = """
      network Dropped
      input 3
      layer 4 tanh dropout=0.5
      layer 4 sigmoid dropout=0.25 skip=1
      layer 2 identity
      loss half-sse
      """;

  @Test
  void theDropoutSitsBetweenTheActivationAndTheSkipAndIsTheOnlyModalOperation() throws SpecException {
    Derivation derivation = SkipDerivationTest.derive(DROPPED);
    OperationGraph graph = derivation.graph();
    InvertedDropout first = graph.dropout(1);
    InvertedDropout second = graph.dropout(2);

    assertEquals(List.of(Vector.activated(1)), first.inputs());
    assertEquals(Vector.z(1), first.output());
    assertEquals(Vector.dropped(2), second.output(), "h^2, which the skip reads");
    assertEquals(List.of(Vector.dropped(2), Vector.z(1)), graph.skips().get(0).inputs());
    assertEquals(Symbols.M, first.maskDerivative(), "Symja's D of m s in s");
    assertTrue(derivation.modal());
    assertNull(graph.dropout(3));
    assertFalse(SkipDerivationTest.derive(SkipDerivationTest.RESIDUAL).modal());
    List<String> labels = derivation.steps().stream().map(Step::label).toList();
    assertEquals(labels.indexOf("activation-2") + 1, labels.indexOf("dropout-2"));
    assertEquals(labels.indexOf("dropout-2") + 1, labels.indexOf("skip-2"));
  }

  @Test
  void theStepsShowTheMaskForwardAndInTheDelta() throws SpecException {
    Derivation derivation = SkipDerivationTest.derive(DROPPED);
    OperationGraph graph = derivation.graph();

    assertEquals("z^1_j = m^1_j f_1(u^1_j),  m^1_j ∈ {0, 1/(1 − p)}, P(m^1_j = 0) = p = 0.5,  ∂z^1_j/∂f_1 = m^1_j",
        graph.dropout(1).forward().statement());
    assertEquals("f_1(u^1_j) = tanh(u^1_j)", graph.activation(1).forward().statement());
    assertEquals("z^2_j = h^2_j + z^1_j,  ∂z^2_j/∂z^1_j = 1", graph.skips().get(0).forward().statement());
    assertEquals("δ^1_j = Σ_k δ^2_k ∂u^2_k/∂u^1_j + ∂E/∂z^2_j ∂z^2_j/∂u^1_j"
        + " = (Σ_k δ^2_k w^2_{jk} + ∂E/∂z^2_j) · m^1_j · f_1'(u^1_j)"
        + " = (Σ_k δ^2_k w^2_{jk} + ∂E/∂z^2_j) · m^1_j · (sech(u^1_j)^2)",
        graph.activation(1).deltaStep().statement());
    assertEquals("∂E/∂z^1_j · m^1_j", graph.dropout(1).deltaContribution(Vector.activated(1)).text());
    assertTrue(graph.gradient(1).text().contains("· m^1_j ·"), graph.gradient(1).text());
  }

  /** The trap: tanh' = 1 − z² would read z^1 = m^1 tanh(u^1). */
  @Test
  void aDroppedLayerReadsItsDerivativeFromU() throws SpecException {
    ActivationDerivative dropped = SkipDerivationTest.derive(DROPPED).graph().activation(1).derivative();

    assertEquals(Form.IN_U, dropped.form());
    assertTrue(dropped.chosen().isFree(Symbols.Z), dropped.chosen().toString());
  }

  /** p = 0 is no dropout: the derivation of the plain spec, step for step. */
  @Test
  void zeroIsNoDropout() throws SpecException {
    List<String> zero = SkipDerivationTest.derive(DROPPED.replace("0.5", "0").replace("0.25", "0")).steps().stream()
        .map(Step::statement).toList();
    List<String> plain = SkipDerivationTest.derive(DROPPED.replace(" dropout=0.5", "").replace(" dropout=0.25", ""))
        .steps().stream().map(Step::statement).toList();

    assertEquals(plain, zero);
  }
}
