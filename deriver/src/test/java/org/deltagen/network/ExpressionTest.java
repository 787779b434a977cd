package org.deltagen.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.deltagen.symbolic.SymbolicEngine;
import org.deltagen.symbolic.Symbols;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;

class ExpressionTest {
  private static final SourceLocation AT = new SourceLocation("net.nn", 4, 15);

  @Test
  void exponentNotationIsANumberNotEulersE() throws SpecException {
    Expression expression = Expression.parse("1.5e-3*u + 2E2", AT, Set.of("u"));
    double value = SymbolicEngine.shared().evalf(F.subst(expression.tree(), Symbols.U, F.num(2.0)));
    assertEquals(0.003 + 200, value, 1e-12);
  }

  @Test
  void syntaxErrorColumnsCountTheTextAsWrittenAfterExponentRewrites() {
    SpecException error =
        assertThrows(SpecException.class, () -> Expression.parse("1e-3*u + )", AT, Set.of("u")));
    Diagnostic diagnostic = error.diagnostics().get(0);
    assertEquals(ErrorCode.DG011, diagnostic.code());
    assertEquals(4, diagnostic.location().line());
    assertEquals(15 + "1e-3*u + ".length(), diagnostic.location().column());
  }

  @Test
  void aSymbolOutsideTheAllowedSetIsLocatedAtItsFirstUse() {
    SpecException error =
        assertThrows(SpecException.class, () -> Expression.parse("u + Exp(w)", AT, Set.of("u")));
    Diagnostic diagnostic = error.diagnostics().get(0);
    assertEquals(ErrorCode.DG012, diagnostic.code());
    assertEquals(new SourceLocation("net.nn", 4, 15 + "u + Exp(".length()), diagnostic.location());
  }
}
