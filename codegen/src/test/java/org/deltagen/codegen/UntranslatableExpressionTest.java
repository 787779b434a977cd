package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.NameAllocator;
import java.util.Map;
import org.deltagen.symbolic.Symbols;
import org.junit.jupiter.api.Test;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

/**
 * DG031's translator side: a tree with a head that has no Java form, or a constant a double cannot
 * hold, is refused by name rather than written out. No spec reaches this since expressions are
 * held to MathFunction's table, every entry of which has a Java form (ExpressionAllowListTest);
 * these trees are built by hand to keep the refusal honest.
 */
class UntranslatableExpressionTest {

  private static UnsupportedExpressionException refusal(IExpr expression) {
    return assertThrows(UnsupportedExpressionException.class,
        () -> JavaExpressions.emit(expression, Map.of(Symbols.U, "u"), new NameAllocator(), "Math"));
  }

  @Test
  void aHeadWithoutAJavaFormIsNamed() {
    assertTrue(refusal(F.Gamma(Symbols.U)).getMessage().contains("no Java form for Gamma"));
    assertTrue(refusal(F.BesselJ(F.C0, Symbols.U)).getMessage().contains("no Java form for BesselJ"));
  }

  @Test
  void aConstantOutsideDoublesRangeIsNotWrittenAsInfinity() {
    UnsupportedExpressionException e = refusal(F.Times(F.ZZ(java.math.BigInteger.TEN.pow(400)), Symbols.U));

    assertEquals("the constant 100000000000… is outside double's range", e.getMessage());
  }
}
