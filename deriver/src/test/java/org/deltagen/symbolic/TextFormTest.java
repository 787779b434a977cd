package org.deltagen.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text in the report's notation: e^u, lower-case functions, Piecewise as cases, indices kept apart. */
class TextFormTest {
  private static final SymbolicEngine ENGINE = SymbolicEngine.shared();

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "1/(1+Exp(-u));1/(1+e^(-u))",
      "Exp(u);e^u",
      "Piecewise({{1, u > 0}}, 0);1 if u>0, else 0",
      "2*Piecewise({{u, u >= 0}}, 0.01*u);2*(u if u≥0, else 0.01*u)",
      "Tanh(u)^2;tanh(u)^2",
      "y - d;-d+y",
      "Sqrt(1 + u^2);√(1+u^2)",
      "u/(1 + Abs(u));u/(1+|u|)",
      "-d/y + (1 - d)/(1 - y);(1-d)/(1-y)-d/y",
      "10^90*u;1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000*u"})
  void writesTheReportsNotation(String expression, String text) {
    assertEquals(text, Formula.of(ENGINE.eval(ENGINE.parse(expression))).text());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"1 - z^2;1-(z^1_j)^2", "Exp(z);e^(z^1_j)", "d1*y2;d_1*y_2"})
  void indexedNamesKeepTheirIndices(String expression, String text) {
    assertEquals(text, Formula.of(ENGINE.eval(ENGINE.parse(expression)), Map.of(Symbols.Z, "z^1_j"), Map.of()).text());
  }
}
