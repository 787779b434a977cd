package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deltagen.network.Activation;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;

/** Shared sub-expressions of a derived formula are computed once, into a local. */
class CommonSubexpressionTest {

  @Test
  void aRepeatedExponentialIsComputedOnce() throws SpecException {
    NetworkSpec spec = Specs.network("Shared", 1)
        .layer(1, Activation.custom("Exp(-u)/(1 + Exp(-u))^2 + Exp(-u)"))
        .build();
    String forward = Specs.methodBody(Specs.generate(spec).toString(), "private void forward(");
    assertEquals(1, count(forward, "Math.exp("), forward);
    assertTrue(forward.contains("double exp = Math.exp(-u);"), forward);
    GradientCheck.Result result = new GradientCheck(spec).run(new Trainer(Specs.compile(spec)), 4);
    assertTrue(result.passed(), result::toString);
  }

  @Test
  void geluTanhEvaluatesEachTranscendentalOfItsDerivativeOnce() throws SpecException {
    NetworkSpec spec = Specs.regression("GeluTanh", 2, 3, NamedActivation.GELU_TANH, 1);
    String backward = Specs.methodBody(Specs.generate(spec).toString(), "private void backpropagate(");
    assertEquals(1, count(backward, "Math.tanh("), backward);
    assertEquals(1, count(backward, "Math.cosh("), backward);
  }

  @Test
  void everyBlockOfTheBackwardPassCitesItsEquation() throws SpecException {
    var derivation = Specs.derive(Specs.xor());
    String backward = Specs.methodBody(TrainerGenerator.generate(derivation).toString(), "private void backpropagate(");
    for (String label : new String[] {"delta-output", "delta-1", "weight-gradient"}) {
      String citation = "// (eq. " + derivation.step(label).number() + ") ";
      assertTrue(backward.contains(citation), citation + " in\n" + backward);
    }
    assertTrue(backward.contains("// (eq. 11) δ^1_j = Σ_k δ^2_k ∂u^2_k/∂u^1_j"), backward);
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }
}
