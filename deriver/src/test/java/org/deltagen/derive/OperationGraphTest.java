package org.deltagen.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.deltagen.symbolic.Formula;
import org.junit.jupiter.api.Test;

/** The network as operations over named vectors, and δ as the sum over each vector's consumers. */
class OperationGraphTest {
  private static final Deriver DERIVER = new Deriver();

  @Test
  void aLayeredNetworkIsWeightedSumsAndActivationsThenTheLoss() throws SpecException {
    OperationGraph graph = DERIVER.derive(DeriverTest.xor(BatchReduction.SUM)).graph();
    List<Operation> operations = graph.operations();

    assertEquals(5, operations.size());
    assertInstanceOf(WeightedSum.class, operations.get(0));
    assertInstanceOf(ElementwiseActivation.class, operations.get(1));
    assertInstanceOf(LossOperation.class, operations.get(4));
    assertEquals(List.of(Vector.z(0)), operations.get(0).inputs());
    assertEquals(Vector.ERROR, operations.get(4).output());
    assertEquals(graph.weightedSum(2), graph.consumers(Vector.z(1)).get(0));
  }

  @Test
  void aWeightedSumOwnsItsParameterBlock() throws SpecException {
    NetworkSpec spec = DeriverTest.xor(BatchReduction.SUM);
    OperationGraph graph = DERIVER.derive(spec).graph();
    for (int l = 1; l <= spec.depth(); l++) {
      WeightedSum sum = graph.weightedSum(l);
      assertEquals(spec.weightOffset(l), sum.offset());
      assertEquals(spec.weightRows(l), sum.rows());
      assertEquals(spec.units(l), sum.columns());
      assertTrue(sum.bias());
    }
    assertEquals(3 * 2 + 3 * 1, graph.weightedSum(2).offset() + graph.weightedSum(2).rows());
  }

  @Test
  void theGenericStepsAreStatedForEachLayerUnderTheirNumbers() throws SpecException {
    Derivation derivation = DERIVER.derive(DeriverTest.xor(BatchReduction.SUM));
    WeightedSum second = derivation.graph().weightedSum(2);

    assertEquals(derivation.weightedSumStep().number(), second.forward().number());
    assertEquals("(eq. 1) u^2_j = Σ_{i=0}^{2} w^2_{ij} z^1_i,  z^1_0 = 1", second.forward().citation());
    assertEquals(derivation.weightGradientStep().number(), second.gradient().number());
    assertTrue(second.gradient().statement().endsWith("= δ^2_j z^1_i,  δ^2_j := ∂E/∂u^2_j"),
        second.gradient().statement());
  }

  @Test
  void aHiddenDeltaIsTheSumOverTheConsumersOfItsOutput() throws SpecException {
    Derivation derivation = DERIVER.derive(DeriverTest.xor(BatchReduction.SUM));
    Formula delta = derivation.graph().delta(Vector.z(1));

    assertEquals("Σ_k δ^2_k w^2_{jk}", delta.text());
    assertTrue(derivation.graph().activation(1).deltaStep().statement().contains("(" + delta.text() + ")"));
    Operation skip = new Operation() {
      @Override
      public List<Vector> inputs() {
        return List.of(Vector.z(1));
      }

      @Override
      public Vector output() {
        return Vector.u(2);
      }

      @Override
      public Step forward() {
        return derivation.weightedSumStep();
      }

      @Override
      public Formula deltaContribution(Vector input) {
        return Formula.of("δ^2_j", "\\delta^{(2)}_j");
      }
    };
    OperationGraph twoReaders = new OperationGraph(List.of(derivation.graph().weightedSum(2), skip));
    assertEquals("Σ_k δ^2_k w^2_{jk} + δ^2_j", twoReaders.delta(Vector.z(1)).text(),
        "a vector read twice (a skip connection) gets both paths");
  }

  @Test
  void anOperationPassesBackOnlyToWhatItReads() throws SpecException {
    OperationGraph graph = DERIVER.derive(DeriverTest.xor(BatchReduction.SUM)).graph();
    assertThrows(IllegalArgumentException.class, () -> graph.weightedSum(2).deltaContribution(Vector.z(0)));
    assertThrows(IllegalArgumentException.class, () -> graph.delta(Vector.ERROR));
  }

  @Test
  void aSoftmaxOutputLayerIsOneOperationOverTheWholeLayer() throws SpecException {
    NetworkSpec spec = NetworkSpec.builder().name("Net").inputs(2)
        .layer(3, Activation.named(NamedActivation.TANH)).layer(4, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY)).build();
    Derivation derivation = DERIVER.derive(spec);
    Softmax softmax = assertInstanceOf(Softmax.class, derivation.graph().activation(2));

    assertEquals(derivation.output().jacobianStep(), softmax.jacobianStep());
    assertEquals("Σ_k ∂E/∂y_k ∂y_k/∂u^2_j", softmax.deltaContribution(Vector.u(2)).text());
    assertFalse(derivation.graph().gradient(2).text().contains("Σ_k g_k"), "fused: δ^2 = y − d");
  }
}
