package org.deltagen.derive;

import static org.deltagen.network.Nets.net;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.deltagen.derive.ActivationDerivative.Form;
import org.deltagen.network.Activation;
import org.deltagen.network.BatchReduction;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.LearnedParameter;
import org.deltagen.network.Loss;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Schedule;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.symbolic.Formula;
import org.deltagen.symbolic.SymbolicEngine;
import org.deltagen.symbolic.Symbols;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

class DeriverTest {
  private static final Deriver DERIVER = new Deriver();
  private static final SymbolicEngine ENGINE = SymbolicEngine.shared();

  /** ∂f/∂a by Symja's D, and ∂E/∂a^l as the sum over the layer's units, for each learnable parameter. */
  @Test
  void derivesEachLearnableParametersDerivativeAndItsSum() throws SpecException {
    NetworkSpec spec = NetworkSpec.builder().name("Learned").inputs(2)
        .layer(3, Activation.custom("a*Tanh(b*u)", List.of(new LearnedParameter("a", 1), new LearnedParameter("b", 0.5))))
        .layer(3, Activation.named(NamedActivation.PRELU))
        .layer(1, Activation.named(NamedActivation.IDENTITY))
        .loss(Loss.named(NamedLoss.HALF_SSE)).build();
    Derivation derivation = DERIVER.derive(spec);
    List<LearnedGradient> first = derivation.graph().activation(1).learned();
    assertEquals(2, first.size());
    assertEquals(ENGINE.eval(F.Tanh(F.Times(F.symbol("b"), Symbols.U))), ENGINE.eval(first.get(0).derivative()));
    assertEquals(spec.activationParameterOffset(1) + 1, first.get(1).index());
    assertEquals(Form.IN_U, derivation.graph().activation(1).derivative().form(), "f' stays in u and the parameters");
    LearnedGradient slope = derivation.graph().activation(2).learned().get(0);
    assertEquals("∂E/∂a^2 = Σ_j ∂E/∂z^2_j ∂f_2/∂a(u^2_j) = Σ_j ∂E/∂z^2_j · (0 if u^2_j>0, else u^2_j)",
        slope.gradientStep().statement());
    assertTrue(slope.derivativeStep().number() < slope.gradientStep().number());
    assertTrue(derivation.graph().activation(3).learned().isEmpty());
  }

  @Test
  void aScheduleIsTheLastStepAndOnlyWithASchedule() throws SpecException {
    NetworkSpec.Builder builder =
        net(2).layer(1, Activation.named(NamedActivation.SIGMOID)).loss(Loss.named(NamedLoss.HALF_SSE));
    assertTrue(DERIVER.derive(builder.build()).scheduleStep().isEmpty(), "a constant η has no step");

    Derivation stepped = DERIVER.derive(builder.schedule(new Schedule.Step(30, 0.1))
        .warmup(new Schedule.Warmup(3, 1.0 / 3)).build());

    Step schedule = stepped.scheduleStep().orElseThrow();
    assertEquals(stepped.steps().get(stepped.steps().size() - 1), schedule);
    assertEquals("η_e = (0.333333 + 0.666667 min(e, 3)/3) · η_0 · 0.1^⌊e/30⌋,  η_0 = 0.01", schedule.statement());
  }

  static Stream<Arguments> derivativeForms() throws SpecException {
    return Stream.of(
        Arguments.of("sigmoid is rewritten in z", Activation.named(NamedActivation.SIGMOID), Form.IN_Z, "z*(1-z)"),
        Arguments.of("tanh is rewritten in z", Activation.named(NamedActivation.TANH), Form.IN_Z, "1-z^2"),
        Arguments.of("a scaled sigmoid is derived, not looked up", Activation.custom("1/(1+Exp(-2*u))"),
            Form.IN_Z, "2*z*(1-z)"),
        Arguments.of("a rational activation keeps its u form when no inverse is cheaper",
            Activation.custom("u/(1+u^2)"), Form.IN_U, "(1-u^2)/(1+u^2)^2"));
  }

  /** The derivative Symja gives each activation, in z where that is cheaper, else in u. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("derivativeForms")
  void activationDerivativeIsChosenInItsCheaperForm(String why, Activation activation, Form form, String chosen)
      throws SpecException {
    ActivationDerivative derivative = derivativeOf(activation);
    assertEquals(form, derivative.form());
    assertSymbolicallyEqual(chosen, derivative.chosen());
  }

  @Test
  void tanhsRawDerivativeIsSechSquared() throws SpecException {
    assertSymbolicallyEqual("Sech(u)^2", derivativeOf(Activation.named(NamedActivation.TANH)).raw());
  }

  @Test
  void reluDerivativeStaysAPiecewiseInU() throws SpecException {
    ActivationDerivative derivative = derivativeOf(Activation.named(NamedActivation.RELU));
    assertEquals(Form.IN_U, derivative.form());
    assertNull(derivative.inZ());
    assertEquals(1.0, ENGINE.evalf(F.subst(derivative.chosen(), Symbols.U, F.num(0.5))));
    assertEquals(0.0, ENGINE.evalf(F.subst(derivative.chosen(), Symbols.U, F.num(-0.5))));
  }

  @Test
  void identityDerivativeIsConstantOne() throws SpecException {
    ActivationDerivative derivative = derivativeOf(Activation.named(NamedActivation.IDENTITY));
    assertEquals(Form.CONSTANT, derivative.form());
    assertEquals(F.C1, derivative.chosen());
  }

  @Test
  void lossDerivativesComeFromD() throws SpecException {
    assertSymbolicallyEqual("y-d", lossDerivative(Loss.named(NamedLoss.HALF_SSE), 1));
    assertSymbolicallyEqual("2*(y-d)", lossDerivative(Loss.named(NamedLoss.SSE), 1));
    assertSymbolicallyEqual("2*(y-d)/3", lossDerivative(Loss.named(NamedLoss.MSE), 3));
    assertSymbolicallyEqual("4*(y-d)^3", lossDerivative(Loss.custom("(y-d)^4"), 1));
  }

  @Test
  void stepsFollowSeed001AndAreNumberedInOrder() throws SpecException {
    Derivation derivation = DERIVER.derive(xor(BatchReduction.SUM));
    List<Step> steps = derivation.steps();
    for (int i = 0; i < steps.size(); i++) {
      assertEquals(i + 1, steps.get(i).number());
    }
    List<String> labels = steps.stream().map(Step::label).toList();
    assertEquals(
        List.of("weighted-sum", "activation-1", "activation-2", "error", "goal", "weight-gradient",
            "loss-derivative", "derivative-2", "delta-output", "derivative-1", "delta-1", "update"),
        labels);
    assertEquals(Step.Kind.HIDDEN_DELTA, derivation.graph().activation(1).deltaStep().kind());
    assertEquals(Step.Kind.OUTPUT_DELTA, derivation.graph().activation(2).deltaStep().kind());
    assertTrue(derivation.graph().activation(1).deltaStep().statement().contains("Σ_k δ^2_k w^2_{jk}"),
        derivation.graph().activation(1).deltaStep().statement());
    assertTrue(derivation.step("update").statement().contains("η = 0.1"));
  }

  @Test
  void theUpdateIsOneClausePerLineAndGReadsTheClippedGradient() throws SpecException {
    Equation update = DERIVER.derive(xor(BatchReduction.SUM)).updateStep().equation();
    assertEquals("w ← w − η g", update.left().text());
    assertEquals(List.of("g = Σ_s ∂E_s/∂w", "η = 0.1"), update.conditions().stream().map(Formula::text).toList());
    Equation clipped = DERIVER.derive(xor(BatchReduction.MEAN).toBuilder().clipNorm(1).build()).updateStep().equation();
    assertEquals(List.of("g = min(1, 1.0/(‖ĝ‖ + 1e-6)) ĝ", "ĝ = (1/B) Σ_s ∂E_s/∂w", "η = 0.1"),
        clipped.conditions().stream().map(Formula::text).toList());
  }

  @Test
  void sigmoidWithBinaryCrossEntropyCancelsToYMinusD() throws SpecException {
    Derivation derivation = DERIVER.derive(output(NamedActivation.SIGMOID, NamedLoss.BINARY_CROSS_ENTROPY, 2));
    OutputDerivation output = derivation.output();
    assertTrue(output.fused());
    assertSymbolicallyEqual("y-d", output.delta());
    assertSymbolicallyEqual("-d/y+(1-d)/(1-y)", output.lossGradient());
    assertEquals("cancellation", output.cancellationStep().label());
    assertTrue(output.cancellationStep().statement().endsWith("= -d_j+y_j"), output.cancellationStep().statement());
  }

  @Test
  void softmaxWithCrossEntropyIsDerivedThroughTheJacobianAndCancels() throws SpecException {
    Derivation derivation = DERIVER.derive(output(NamedActivation.SOFTMAX, NamedLoss.CROSS_ENTROPY, 4));
    OutputDerivation output = derivation.output();
    assertTrue(output.normalized());
    assertTrue(output.fused());
    assertSymbolicallyEqual("y-d", output.delta());
    String jacobian = output.jacobianStep().statement();
    assertTrue(jacobian.contains("(1-y_j)*y_j") && jacobian.contains("-y_j*y_k"), jacobian);
    assertTrue(output.cancellationStep().justification().contains("Σ_k d_k = 1"));
  }

  @Test
  void softmaxWithAnotherLossKeepsTheJacobianProduct() throws SpecException {
    OutputDerivation output = DERIVER.derive(output(NamedActivation.SOFTMAX, NamedLoss.SSE, 3)).output();
    assertTrue(output.needsJacobianProduct());
    assertSymbolicallyEqual("2*(y-d)", output.lossGradient());
  }

  @Test
  void aPlainProductIsNotCalledACancellation() throws SpecException {
    OutputDerivation output = DERIVER.derive(xor(BatchReduction.SUM)).output();
    assertTrue(!output.fused() && output.cancellationStep() == null);
    assertSymbolicallyEqual("2*(y-d)*y*(1-y)", output.delta());
  }

  @Test
  void longDerivedStatementsStayOnOneLine() throws SpecException {
    Derivation derivation = DERIVER.derive(output(NamedActivation.GELU_TANH, NamedLoss.HALF_SSE, 2));
    for (Step step : derivation.steps()) {
      assertTrue(!step.statement().contains("\n") && !step.justification().contains("\n"), step.statement());
    }
  }

  @Test
  void indexedSymbolsRaisedToAPowerAreParenthesized() throws SpecException {
    NetworkSpec spec = net(1)
        .layer(2, Activation.named(NamedActivation.TANH))
        .layer(1, Activation.named(NamedActivation.IDENTITY))
        .loss(Loss.named(NamedLoss.HALF_SSE))
        .build();
    String statement = DERIVER.derive(spec).graph().activation(1).deltaStep().statement();
    assertTrue(statement.endsWith("· (1-(z^1_j)^2)"), statement);
  }

  @Test
  void absIsDifferentiatedThroughItsPiecewiseDefinition() throws SpecException {
    // Symja leaves Abs'(u) unevaluated; the table's piecewise form of Abs gives it a derivative.
    ActivationDerivative derivative = derivativeOf(Activation.custom("u/(1+Abs(u))"));

    for (double u : new double[] {-2.5, -0.3, 0.4, 3.0}) {
      double expected = 1 / ((1 + Math.abs(u)) * (1 + Math.abs(u)));
      double actual = SymbolicEngine.shared().evalf(F.subst(derivative.chosen(), Symbols.U, F.num(u)));
      assertEquals(expected, actual, 1e-12, "f'(" + u + ")");
    }
  }

  private static ActivationDerivative derivativeOf(Activation activation) throws SpecException {
    NetworkSpec spec = net(1).layer(1, activation).loss(Loss.named(NamedLoss.SSE)).build();
    return DERIVER.derive(spec).graph().activation(1).derivative();
  }

  private static IExpr lossDerivative(Loss loss, int outputs) throws SpecException {
    NetworkSpec spec = net(1).layer(outputs, Activation.named(NamedActivation.IDENTITY)).loss(loss).build();
    return DERIVER.derive(spec).loss().derivative();
  }

  private static NetworkSpec output(NamedActivation activation, NamedLoss loss, int outputs) throws SpecException {
    return net(2)
        .layer(3, Activation.named(NamedActivation.TANH))
        .layer(outputs, Activation.named(activation))
        .loss(Loss.named(loss))
        .build();
  }

  static NetworkSpec xor(BatchReduction batch) throws SpecException {
    return NetworkSpec.builder()
        .name("Xor")
        .inputs(2)
        .layer(2, Activation.named(NamedActivation.SIGMOID))
        .layer(1, Activation.named(NamedActivation.SIGMOID))
        .loss(Loss.custom("(y - d)^2"))
        .batch(batch)
        .optimizer(new org.deltagen.network.Optimizer.Sgd(0.1))
        .build();
  }

  private static void assertSymbolicallyEqual(String expected, IExpr actual) {
    IExpr difference = ENGINE.eval(F.Simplify(F.Subtract(ENGINE.parse(expected), actual)));
    assertTrue(difference.isZero(), "expected " + expected + " but derived " + actual);
  }
}
