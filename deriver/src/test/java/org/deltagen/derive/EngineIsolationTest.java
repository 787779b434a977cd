package org.deltagen.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecParser;
import org.deltagen.symbolic.SymbolicEngine;
import org.deltagen.symbolic.Symbols;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;

/**
 * One spec cannot change what the shared Symja engine computes for the next: the specs that tried,
 * in one JVM, are refused before anything of them is evaluated, and the engine still derives tanh
 * as tanh afterwards.
 */
class EngineIsolationTest {
  private static final Deriver DERIVER = new Deriver();
  private static final String[] POISONS = {
    "u + 0*Length({Unprotect(Tanh), SetDelayed(Tanh(u_), u^3)})",
    "u + 0*Set(u, 5)",
    "u + 0*SetDelayed(Tanh(x_), x^3)",
    "u + 0*Clear(Tanh)",
    "u + 0*SetAttributes(Tanh, Listable)",
  };

  /** Parses and, as a build would, derives a spec; returns the code it was refused with, or null. */
  private static ErrorCode tryToPoison(String expression) {
    String spec = "network A\ninput 1\nlayer 1 f(u) = " + expression + "\nloss sse\n";
    try {
      DERIVER.derive(SpecParser.parse("a.nn", spec));
      return null;
    } catch (SpecException e) {
      return e.diagnostics().get(0).code();
    }
  }

  @Test
  void aSpecThatRedefinesTanhLeavesTheNextSpecsTanhAlone() throws SpecException {
    List<ErrorCode> refusals = new ArrayList<>();
    for (String poison : POISONS) {
      refusals.add(tryToPoison(poison));
    }

    NetworkSpec b = SpecParser.parse("b.nn", "network B\ninput 2\nlayer 2 tanh\nlayer 1 sigmoid\nloss sse\n");
    ActivationDerivative tanh = DERIVER.derive(b).graph().activation(1).derivative();

    SymbolicEngine engine = SymbolicEngine.shared();
    assertEquals(Math.tanh(0.5), engine.evalf(F.subst(tanh.function(), Symbols.U, F.num(0.5))), 1e-15);
    assertEquals(F.Tanh(Symbols.U), tanh.function());
    assertEquals("1-z^2", tanh.chosen().toString());
    assertEquals(Symbols.U, engine.eval(Symbols.U), "u has no value");
    assertEquals(Collections.nCopies(POISONS.length, ErrorCode.DG024), refusals, "each poison refused as it is read");
  }
}
