package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deltagen.derive.Derivation;
import org.deltagen.spec.Activation;
import org.deltagen.spec.Diagnostic;
import org.deltagen.spec.ErrorCode;
import org.deltagen.spec.Loss;
import org.deltagen.spec.NamedActivation;
import org.deltagen.spec.NetworkSpec;
import org.deltagen.spec.SourceLocation;
import org.deltagen.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DG031: an expression Symja can differentiate but deltagen cannot write as Java is refused by the
 * generator with one diagnostic located at the expression.
 */
class UntranslatableExpressionTest {

  @ParameterizedTest(name = "f(u) = {0}")
  @ValueSource(strings = {"Gamma(u)", "BesselJ(0, u)"})
  void activationWithoutAJavaFormIsDg031AtTheActivation(String f) throws SpecException {
    NetworkSpec spec = Specs.network("Special", 1)
        .layer(2, Activation.named(NamedActivation.TANH))
        .layer(1, Activation.custom(f, new SourceLocation("net.nn", 4, 12)))
        .build();
    Diagnostic diagnostic = refusal(Specs.derive(spec));
    assertLocated(diagnostic, "net.nn", 4, 12);
    String function = f.substring(0, f.indexOf('('));
    assertTrue(diagnostic.message().contains(function), "names " + function + ": " + diagnostic);
  }

  @Test
  void lossWithoutAJavaFormIsDg031AtTheLoss() throws SpecException {
    NetworkSpec spec = Specs.network("SpecialLoss", 1)
        .layer(1, Activation.named(NamedActivation.IDENTITY))
        .loss(Loss.custom("Gamma(3 + y - d)", new SourceLocation("net.nn", 7, 6)))
        .build();
    Diagnostic diagnostic = refusal(Specs.derive(spec));
    assertLocated(diagnostic, "net.nn", 7, 6);
    assertTrue(diagnostic.message().contains("Gamma"), "names Gamma: " + diagnostic);
  }

  private static Diagnostic refusal(Derivation derivation) {
    SpecException e = assertThrows(SpecException.class, () -> TrainerGenerator.generate(derivation));
    assertEquals(1, e.diagnostics().size(), "one diagnostic: " + e.getMessage());
    return e.diagnostics().get(0);
  }

  private static void assertLocated(Diagnostic diagnostic, String file, int line, int column) {
    assertEquals(ErrorCode.DG031, diagnostic.code(), diagnostic.toString());
    assertEquals(new SourceLocation(file, line, column), diagnostic.location(), diagnostic.toString());
  }
}
