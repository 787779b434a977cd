package org.deltagen.derive;

import static org.deltagen.network.Problems.assertAt;
import static org.deltagen.network.Problems.assertMentions;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.Problems;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A formula that has no real, finite value where the network evaluates it is the spec's error,
 * located and explained, not a gradient check that fails and blames deltagen.
 */
class DomainCheckTest {
  private static final Deriver DERIVER = new Deriver();

  /** The one problem of {@code spec}: a DG032 at this line and column. */
  private static Diagnostic refused(String spec, int line, int column) {
    Diagnostic problem = Problems.single(() -> DERIVER.derive(SpecParser.parse("net.nn", spec)));
    return assertAt(problem, ErrorCode.DG032, new SourceLocation("net.nn", line, column));
  }

  private static String withActivation(String expression) {
    return "network Net\ninput 2\nlayer 3 tanh\nlayer 2 f(u) = " + expression + "\nlayer 1 sigmoid\nloss sse\n";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    Log(u)|f(u) = Log(u) is not defined at u = -3.99 (Log of a negative number, -3.99)
    Sqrt(u)|f(u) = Sqrt(u) is not defined at u = -3.99 (Sqrt of a negative number, -3.99)
    ArcSin(2+u^2)|(ArcSin of 17.9, outside [−1, 1])
    u^u^u^u^u^u^u^u|(a negative number, -3.99, to the non-integer power -3.99)
    u/0|(Symja evaluates it to ComplexInfinity, a division by zero)
    u*10^400|is outside double's range
    Exp(Exp(Exp(u)))|overflows
    u + 1/(u - 0.0137)|(division by zero)
    """)
  void anActivationWithoutAValueWhereTheNetworkEvaluatesItIsADg032(String expression, String expected) {
    Diagnostic problem = refused(withActivation(expression), 4, 16);

    assertMentions(expected, problem.message());
    assertMentions("Log(1+Exp(u))", problem.hint());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
    Log(y-d)|loss Log(y-d) is not defined at y = 0.0182, d = 0.25 (Log of a negative number, -0.232)
    Sqrt(y-d)|(Sqrt of a negative number
    d/(y-y)|division by zero
    """)
  void aLossWithoutAValueAtTheNetworksOutputsIsADg032(String loss, String expected) {
    Diagnostic problem = refused("network Net\ninput 2\nlayer 1 sigmoid\nloss " + loss + "\n", 4, 6);

    assertMentions(expected, problem.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Sin(u)/u", "Log(1+Exp(u))", "Sqrt(1+u^2)", "u/(1+Abs(u))", "Piecewise({{Log(u), u > 0}}, 0)",
      "ArcSin(Tanh(u))", "(1+u)^300/10^200"})
  void formulasFiniteWhereTheNetworkEvaluatesThemPass(String expression) {
    assertDoesNotThrow(() -> DERIVER.derive(SpecParser.parse("net.nn", withActivation(expression))));
  }

  @ParameterizedTest
  @EnumSource(value = NamedActivation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
  void everyNamedActivationWrittenOutPasses(NamedActivation activation) {
    String definition = activation.definition();
    for (var parameter : activation.parameters().entrySet()) {
      definition = definition.replaceAll("\\b" + parameter.getKey() + "\\b", "(" + parameter.getValue() + ")");
    }
    String spec = withActivation(definition);
    assertDoesNotThrow(() -> DERIVER.derive(SpecParser.parse("net.nn", spec)), definition);
  }

  @ParameterizedTest
  @EnumSource(value = NamedLoss.class, names = {"HALF_SSE", "SSE", "BINARY_CROSS_ENTROPY"})
  void namedLossesWrittenOutPassOnASigmoidOutput(NamedLoss loss) {
    String spec = "network Net\ninput 2\nlayer 1 sigmoid\nloss " + loss.definition() + "\n";
    assertDoesNotThrow(() -> DERIVER.derive(SpecParser.parse("net.nn", spec)), loss.definition());
  }
}
