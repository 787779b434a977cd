package org.deltagen.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deltagen.network.Activation;
import org.deltagen.network.LearnedParameter;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Norm;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The δ recursion equals Symja's D of the fully expanded E, for every rule of the tables. */
class BruteForceProofTest {
  private static final Deriver DERIVER = new Deriver();
  private static final BruteForceProof PROOF = new BruteForceProof();

  static Stream<Arguments> everyActivation() {
    List<Arguments> cases = new ArrayList<>();
    for (NamedActivation activation : NamedActivation.values()) {
      if (!activation.normalized()) {
        cases.add(Arguments.of(activation.keyword() + " in 2-3-2", Activation.named(activation), false));
        cases.add(Arguments.of(activation.keyword() + " in 2-2-2-1", Activation.named(activation), true));
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> everyLoss() throws SpecException {
    return Stream.of(
        Arguments.of(NamedLoss.HALF_SSE, NamedActivation.IDENTITY),
        Arguments.of(NamedLoss.SSE, NamedActivation.SIGMOID),
        Arguments.of(NamedLoss.MSE, NamedActivation.TANH),
        Arguments.of(NamedLoss.CROSS_ENTROPY, NamedActivation.SOFTMAX),
        Arguments.of(NamedLoss.BINARY_CROSS_ENTROPY, NamedActivation.SIGMOID),
        Arguments.of(NamedLoss.HUBER, NamedActivation.IDENTITY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyActivation")
  void everyActivationMatchesBruteForce(String name, Activation activation, boolean deep) throws SpecException {
    NetworkSpec.Builder builder = NetworkSpec.builder().name("Net").inputs(2);
    if (deep) {
      // The activation feeds a second hidden layer, so its f' is reached through a sum over paths;
      // repeating it there too makes E's expansion (nested softplus, say) needlessly slow.
      builder.layer(2, activation).layer(2, Activation.named(NamedActivation.TANH))
          .layer(1, Activation.named(NamedActivation.SIGMOID));
    } else {
      builder.layer(3, activation).layer(2, Activation.named(NamedActivation.IDENTITY));
    }
    assertProved(builder.loss(Loss.named(NamedLoss.HALF_SSE)).build());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyLoss")
  void everyLossMatchesBruteForce(NamedLoss loss, NamedActivation output) throws SpecException {
    assertProved(net(output, Loss.named(loss)));
  }

  /** ∂E/∂a^l by the sum over the layer's units matches E expanded in the weights and a, b. */
  @Test
  void learnableActivationParametersMatchBruteForce() throws SpecException {
    Activation scaled = Activation.custom("a*Tanh(b*u)",
        List.of(new LearnedParameter("a", 1), new LearnedParameter("b", 0.5)));
    NetworkSpec spec = NetworkSpec.builder().name("Learned").inputs(2)
        .layer(2, scaled)
        .layer(2, Activation.named(NamedActivation.PRELU))
        .layer(1, Activation.named(NamedActivation.SIGMOID))
        .loss(Loss.named(NamedLoss.HALF_SSE))
        .build();
    assertEquals(2 * 3 + 2 + 2 * 3 + 1 + 3, spec.parameterCount());
    assertProved(spec);
  }

  @Test
  void softmaxWithANonFusedLossAndCustomRulesMatchBruteForce() throws SpecException {
    assertProved(net(NamedActivation.SOFTMAX, Loss.named(NamedLoss.SSE)));
    assertProved(NetworkSpec.builder().name("Custom").inputs(2)
        .layer(3, Activation.custom("u/(1+u^2)"))
        .layer(2, Activation.custom("u + u^3/3"))
        .loss(Loss.custom("Log(Cosh(y - d))"))
        .build());
  }

  /** Skips from the input and between hidden layers, one onto a layer that has one itself. */
  @Test
  void skipsMatchBruteForce() throws SpecException {
    Activation tanh = Activation.named(NamedActivation.TANH);
    assertProved(NetworkSpec.builder().name("InputSkip").inputs(2)
        .layer(2, tanh).skip(0)
        .layer(2, Activation.named(NamedActivation.SIGMOID)).skip(0)
        .layer(1, Activation.named(NamedActivation.SIGMOID))
        .loss(Loss.named(NamedLoss.BINARY_CROSS_ENTROPY)).build());
    assertProved(NetworkSpec.builder().name("Residual").inputs(2)
        .layer(2, tanh)
        .layer(2, tanh).skip(1)
        .layer(2, Activation.custom("u + u^3/3")).skip(2)
        .layer(1, Activation.named(NamedActivation.IDENTITY))
        .loss(Loss.named(NamedLoss.HALF_SSE)).build());
  }

  /**
   * Layer norm over 3 units, with a skip and a learnable activation on the normalized layer, and
   * group norm over 2 groups of 3: E written out through μ and σ² of each group. (With groups of 2,
   * x̂ = ±1 whatever u is, and both sides are rounding noise around 0.)
   */
  @Test
  void normsMatchBruteForce() throws SpecException {
    assertProved(NetworkSpec.builder().name("Combined").inputs(3)
        .layer(3, Activation.custom("a*Tanh(b*u)", List.of(new LearnedParameter("a", 1.0), new LearnedParameter("b", 0.5))))
        .norm(Norm.layer()).skip(0)
        .layer(2, Activation.named(NamedActivation.SOFTMAX))
        .loss(Loss.named(NamedLoss.CROSS_ENTROPY)).build());
    assertProved(NetworkSpec.builder().name("GroupNorm").inputs(2)
        .layer(6, Activation.named(NamedActivation.SIGMOID)).norm(Norm.group(2))
        .layer(1, Activation.named(NamedActivation.IDENTITY))
        .loss(Loss.named(NamedLoss.HALF_SSE)).build());
  }

  /**
   * Dropout with a fixed mask per point: the expanded E multiplies each dropped unit by its mask,
   * the recursion multiplies z^l and ∂E/∂z^l by the same one; p = 0.5 drops some units of 3.
   */
  @Test
  void dropoutsWithAFixedMaskMatchBruteForce() throws SpecException {
    Activation tanh = Activation.named(NamedActivation.TANH);
    assertProved(NetworkSpec.builder().name("Dropped").inputs(2)
        .layer(3, tanh).dropout(0.5)
        .layer(3, Activation.named(NamedActivation.SIGMOID)).dropout(0.3)
        .layer(1, Activation.named(NamedActivation.IDENTITY))
        .loss(Loss.named(NamedLoss.HALF_SSE)).build());
    assertProved(NetworkSpec.builder().name("DroppedSkip").inputs(2)
        .layer(2, tanh).dropout(0.5).skip(0)
        .layer(2, Activation.named(NamedActivation.IDENTITY))
        .loss(Loss.named(NamedLoss.HALF_SSE)).build());
  }

  @Test
  void aWrongDerivativeIsCaught() throws SpecException {
    Derivation right = DERIVER.derive(hidden(NamedActivation.TANH));
    Derivation sigmoid = DERIVER.derive(hidden(NamedActivation.SIGMOID));
    ElementwiseActivation layer = (ElementwiseActivation) right.graph().activation(1);
    ActivationDerivative sigmoidDerivative = sigmoid.graph().activation(1).derivative();
    ElementwiseActivation tampered = new ElementwiseActivation(1, layer.spec(),
        new ActivationDerivative(layer.derivative().function(), sigmoidDerivative.raw(),
            sigmoidDerivative.simplified(), sigmoidDerivative.inZ(), sigmoidDerivative.form()),
        layer.forward(), layer.derivativeStep(), layer.deltaStep());
    List<Operation> operations = new ArrayList<>(right.operations());
    operations.set(operations.indexOf(layer), tampered);
    Derivation wrong = new Derivation(right.spec(), right.steps(), new OperationGraph(operations),
        right.weightedSumStep(), right.weightGradientStep(), right.updateStep(), null);
    BruteForceProof.Result result = PROOF.prove(wrong, 1);
    assertFalse(result.passed(), result::toString);
    assertTrue(result.worst().startsWith("w^1_"), result::toString);
    assertTrue(result.error() > 1e-3, result::toString);
  }

  /** A report runs the proof only where it takes seconds: not through a norm's root. */
  @Test
  void onlyNetworksWithoutNormsAreQuick() throws SpecException {
    assertTrue(BruteForceProof.isQuick(smallNet(null)));
    assertFalse(BruteForceProof.isQuick(smallNet(Norm.layer())));
  }

  /** The proof expands one sample's E; batch norm couples a batch's samples, so it is refused, saying why. */
  @Test
  void refusesBatchNorm() throws SpecException {
    assertEquals(null, BruteForceProof.refusal(smallNet(Norm.layer())));
    NetworkSpec batch = smallNet(Norm.batch());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> PROOF.prove(DERIVER.derive(batch), 1));
    assertTrue(refused.getMessage().contains("norm=batch couples the samples of a batch"), refused.getMessage());
  }

  private static NetworkSpec smallNet(Norm norm) throws SpecException {
    NetworkSpec.Builder builder = NetworkSpec.builder().name("Small").inputs(2)
        .layer(3, Activation.named(NamedActivation.TANH));
    if (norm != null) {
      builder.norm(norm);
    }
    return builder.layer(1, Activation.named(NamedActivation.IDENTITY)).loss(Loss.named(NamedLoss.HALF_SSE)).build();
  }

  @Test
  void largeNetworksAreRefused() throws SpecException {
    NetworkSpec big = NetworkSpec.builder().name("Big").inputs(10)
        .layer(10, Activation.named(NamedActivation.TANH)).loss(Loss.named(NamedLoss.SSE)).build();
    Derivation derivation = DERIVER.derive(big);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PROOF.prove(derivation, 1));
    assertTrue(e.getMessage().contains("at most 64 parameters; Big has 110"), e.getMessage());
  }

  private static void assertProved(NetworkSpec spec) throws SpecException {
    BruteForceProof.Result result = PROOF.prove(DERIVER.derive(spec), 7);
    assertTrue(result.passed(), result::toString);
    assertEquals(spec.parameterCount(), result.parameters());
  }

  private static NetworkSpec net(NamedActivation output, Loss loss) throws SpecException {
    return NetworkSpec.builder().name("Net").inputs(2)
        .layer(3, Activation.named(NamedActivation.TANH))
        .layer(output == NamedActivation.SOFTMAX ? 3 : 2, Activation.named(output))
        .loss(loss)
        .build();
  }

  private static NetworkSpec hidden(NamedActivation activation) throws SpecException {
    return NetworkSpec.builder().name("Net").inputs(2).layer(3, Activation.named(activation))
        .layer(2, Activation.named(NamedActivation.IDENTITY)).loss(Loss.named(NamedLoss.HALF_SSE)).build();
  }
}
