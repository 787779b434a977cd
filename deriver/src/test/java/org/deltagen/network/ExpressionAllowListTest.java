package org.deltagen.network;

import static org.deltagen.network.Problems.assertAt;
import static org.deltagen.network.Problems.assertMentions;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.deltagen.network.parse.SpecParser;
import org.deltagen.symbolic.MathFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An expression is mathematics and nothing else: every form outside {@link MathFunction}'s table is
 * a located error naming what was refused, before Symja evaluates any of it.
 */
class ExpressionAllowListTest {
  private static final String BEFORE = "network Net\ninput 2\nlayer 2 f(u) = ";
  private static final String AFTER = "\nlayer 1 sigmoid\nloss (y - d)^2\n";
  /** Column of the expression's first character on line 3. */
  private static final int START = "layer 2 f(u) = ".length() + 1;

  private static Diagnostic refused(String expression) {
    Diagnostic problem = Problems.single("net.nn", BEFORE + expression + AFTER);
    assertEquals(3, problem.location().line(), problem.toString());
    return problem;
  }

  /** The one problem of {@code expression}, with this code, {@code offset} columns into it. */
  private static Diagnostic refused(String expression, ErrorCode code, int offset) {
    return assertAt(refused(expression), code, new SourceLocation("net.nn", 3, START + offset));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    # The reported attacks: a string that closes the class javadoc, the engine poisoned for the next spec.
    u + 0*StringLength("*/ class Math { static { System.exit(42); } } /**")|StringLength|6
    u + 0*Length({Unprotect(Tanh), SetDelayed(Tanh(u_), u^3)})|Length|6
    u + 0*Set(u, 5)|Set|6
    u + 0*SetDelayed(u, 5)|SetDelayed|6
    u + 0*Unprotect(Tanh)|Unprotect|6
    u + 0*Export("/tmp/pwned", 1)|Export|6
    u + 0*WriteString("/tmp/pwned", 1)|WriteString|6
    u + 0*JavaNew("java.lang.Object")|JavaNew|6
    u + 0*Round(u)|Round|6
    Expand((1+u)^300)|Expand|0
    Gamma(u + 3)|Gamma|0
    """)
  void aFunctionOutsideTheTableIsRefusedByName(String expression, String head, int offset) {
    Diagnostic problem = refused(expression, ErrorCode.DG024, offset);

    assertTrue(problem.message().startsWith("the function '" + head + "' is not allowed"), problem.message());
    assertMentions(MathFunction.callable(), problem.hint());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    "abc"|a string|0
    u_|the pattern u_|0
    u + x_ + 1|the pattern|4
    System.exit(1)|the operator '.'|6
    u; System|the operator ';'|1
    u + (u > 0)|the condition|0
    u*{1, 2}|a list|2
    I*u|the complex number I|0
    Infinity*u|the infinite value 'Infinity'|0
    f(u)(u)|the function 'f'|0
    Sin(u, u)|Sin of 2 arguments|0
    Piecewise(u)|Piecewise without its list of pieces|0
    Piecewise({{u, u}}, 0)|the condition u|0
    """)
  void otherFormsAreRefusedTooWithWhatTheyAre(String expression, String what, int offset) {
    Diagnostic problem = refused(expression, ErrorCode.DG024, offset);

    assertTrue(problem.message().startsWith(what), problem.message());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    u*1e400|1e400|2
    u*1e-400|1e-400|2
    u + 3.5E+309|3.5E+309|4
    """)
  void aNumberOutsideDoublesRangeIsRefusedAsWritten(String expression, String literal, int offset) {
    Diagnostic problem = refused(expression, ErrorCode.DG025, offset);

    assertMentions("the number " + literal + " is outside double's range", problem.message());
  }

  @Test
  void aMegabyteExpressionIsRefusedByItsLengthAndNotEchoed() {
    String huge = "u" + "+u".repeat(500_000);

    Diagnostic problem = refused(huge);

    assertEquals(ErrorCode.DG026, problem.code());
    assertTrue(problem.message().contains("1000001 characters long"), problem.message());
    assertTrue(problem.toString().length() < 300, problem.toString());
  }

  @Test
  void bracketsNestedDeeperThanTheLimitAreRefusedWhereTheyGoTooDeep() {
    String deep = "(".repeat(40) + "u" + ")".repeat(40);

    refused(deep, ErrorCode.DG026, 32);
  }

  @Test
  void anOperationChainDeeperThanTheLimitIsRefused() {
    Diagnostic problem = refused(String.join("^", java.util.Collections.nCopies(40, "u")));

    assertEquals(ErrorCode.DG026, problem.code(), problem.toString());
  }

  static Stream<String> callableFunctions() {
    return Arrays.stream(MathFunction.callable().split(", "));
  }

  @ParameterizedTest
  @MethodSource("callableFunctions")
  void everyFunctionTheHintListsIsAccepted(String function) {
    String expression = function.equals("Piecewise") ? "Piecewise({{u, u > 0 && !(u > 3)}}, Pi*E)"
        : function.equals("Max") || function.equals("Min") ? function + "(0, u, 2*u)" : function + "(u/10)";
    assertDoesNotThrow(() -> SpecParser.parse("net.nn", BEFORE + expression + AFTER));
  }

  @Test
  void aLossIsHeldToTheSameTable() {
    SpecException e = assertThrows(SpecException.class,
        () -> SpecParser.parse("net.nn", "network Net\ninput 2\nlayer 1 sigmoid\nloss (y - d)^2 + 0*Run(\"ls\")\n"));

    Diagnostic problem = e.diagnostics().get(0);
    assertEquals(ErrorCode.DG024, problem.code());
    assertEquals(new SourceLocation("net.nn", 4, 20), problem.location());
  }
}
