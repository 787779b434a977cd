package org.deltagen.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.deltagen.symbolic.Formula;
import org.junit.jupiter.api.Test;

/** An equation's parts and its two renderings. */
class EquationTest {
  private static final Equation WEIGHTED_SUM = Equation.of(Formula.of("u^1_j", "u^{(1)}_j"))
      .equalTo("Σ_i w^1_{ij} z^0_i", "\\sum_i w^{(1)}_{ij}\\, z^{(0)}_i")
      .where("z^0_0 = 1", "z^{(0)}_0=1")
      .because("each unit sums its inputs weighted")
      .introducing("u", "w")
      .build();

  @Test
  void textChainsTheRightSidesAndAppendsTheConditions() {
    assertEquals("u^1_j = Σ_i w^1_{ij} z^0_i,  z^0_0 = 1", WEIGHTED_SUM.text());
    assertEquals("u^{(1)}_j = \\sum_i w^{(1)}_{ij}\\, z^{(0)}_i, \\qquad z^{(0)}_0=1", WEIGHTED_SUM.tex());
  }

  @Test
  void theStepRendersItsEquation() {
    Step step = new Step(1, "weighted-sum", Step.Kind.WEIGHTED_SUM, 0, WEIGHTED_SUM);
    assertEquals("(eq. 1) " + WEIGHTED_SUM.text(), step.citation());
    assertEquals(WEIGHTED_SUM.tex(), step.tex());
    assertEquals("each unit sums its inputs weighted", step.justification());
    assertEquals(List.of("u", "w"), step.introduces());
    assertEquals(2, step.forLayer(2, WEIGHTED_SUM).layer());
    assertEquals(1, step.forLayer(2, WEIGHTED_SUM).number());
  }

  @Test
  void aStatementWithoutRightSidesIsItsLeftSide() {
    Equation update = Equation.of(Formula.of("w ← w − η g", "w \\leftarrow w - \\eta\\, g")).because("descent").build();
    assertEquals("w ← w − η g", update.text());
  }

  @Test
  void partsAreOneLineAndAReasonIsRequired() {
    assertThrows(IllegalArgumentException.class, () -> Formula.of("a\nb", "a"));
    assertThrows(NullPointerException.class, () -> Equation.of(Formula.of("E", "E")).build());
  }
}
