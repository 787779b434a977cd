package org.deltagen.network;

import static org.deltagen.network.Problems.assertAt;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    Diagnostic problem = Problems.first(() -> Expression.parse("1e-3*u + )", AT, Set.of("u")));

    assertAt(problem, ErrorCode.DG011, new SourceLocation("net.nn", 4, 15 + "1e-3*u + ".length()));
  }

  @Test
  void aSymbolOutsideTheAllowedSetIsLocatedAtItsFirstUse() {
    Diagnostic problem = Problems.first(() -> Expression.parse("u + Exp(w)", AT, Set.of("u")));

    assertAt(problem, ErrorCode.DG012, new SourceLocation("net.nn", 4, 15 + "u + Exp(".length()));
  }
}
