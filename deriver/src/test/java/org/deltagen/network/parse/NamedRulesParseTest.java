package org.deltagen.network.parse;

import static org.deltagen.network.Problems.assertAt;
import static org.deltagen.network.Problems.assertText;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.Problems;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.symbolic.SymbolicEngine;
import org.deltagen.symbolic.Symbols;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.matheclipse.core.expression.F;

/** Named rules with parameters, leaky-relu(a=0.2) and huber(delta=2), and the output-layer rules. */
class NamedRulesParseTest {
  private static final String FILE = "net.nn";

  private static String spec(String hidden, String output, String loss) {
    return String.join("\n", "network Net", "input 2", "layer 3 " + hidden, "layer 2 " + output, "loss " + loss, "");
  }

  @ParameterizedTest
  @EnumSource(value = NamedActivation.class, mode = EnumSource.Mode.EXCLUDE, names = "SOFTMAX")
  void everyNamedActivationParses(NamedActivation activation) throws SpecException {
    NetworkSpec spec = SpecParser.parse(FILE, spec(activation.keyword(), "identity", "sse"));
    assertEquals(activation, spec.layer(1).activation().rule());
  }

  @ParameterizedTest
  @EnumSource(NamedLoss.class)
  void everyNamedLossParses(NamedLoss loss) throws SpecException {
    String output = loss == NamedLoss.CROSS_ENTROPY ? "softmax" : "sigmoid";
    NetworkSpec spec = SpecParser.parse(FILE, spec("tanh", output, loss.keyword()));
    assertEquals(loss, spec.loss().rule());
  }

  @Test
  void parametersOverrideDefaultsAndReachTheExpression() throws SpecException {
    NetworkSpec spec = SpecParser.parse(FILE, spec("leaky-relu(a=0.2)", "elu", "huber( delta = 2 )"));
    assertEquals("leaky-relu(a=0.2)", spec.layer(1).activation().name());
    assertEquals(-0.2, valueAt(spec.layer(1).activation().definition().tree(), -1.0), 1e-15);
    assertEquals("elu", spec.layer(2).activation().name());
    assertEquals(Math.exp(-1) - 1, valueAt(spec.layer(2).activation().definition().tree(), -1.0), 1e-15);
    assertEquals("huber(delta=2)", spec.loss().name());
    double huberAt3 = SymbolicEngine.shared().evalf(
        F.subst(F.subst(spec.loss().perOutput().tree(), Symbols.Y, F.num(3.0)), Symbols.D, F.C0));
    assertEquals(2 * 3 - 2 * 2 / 2.0, huberAt3, 1e-15, "linear beyond delta");
  }

  /** A rule that does not fit its place: hidden, output and loss rule, and the one problem. */
  @ParameterizedTest(name = "{3}: layer 3 {0}, layer 2 {1}, loss {2}")
  @CsvSource(delimiter = '|', textBlock = """
    leaky-relu(b=1)  | identity | sse                  | DG016 | 3 | 9  |  | leaky-relu takes a
    tanh             | identity | huber(delta=big)     | DG017 | 5 | 18 |  |
    leaky-relu(a=0.1 | identity | sse                  | DG016 | 3 | 9  |  |
    softmax          | identity | sse                  | DG021 | 3 | 1  |  |
    tanh             | sigmoid  | cross-entropy        | DG022 | 5 | 6  | cross-entropy needs a softmax output layer, not sigmoid |
    tanh             | softmax  | binary-cross-entropy | DG022 | 5 | 6  |  |
    """)
  void aRuleOutOfPlaceIsOneProblemAtIt(String hidden, String output, String loss, ErrorCode code,
      int line, int column, String message, String hint) {
    Diagnostic problem = Problems.single(FILE, spec(hidden, output, loss));

    assertAt(problem, code, new SourceLocation(FILE, line, column));
    assertText(message, problem.message());
    assertText(hint, problem.hint());
  }

  private static double valueAt(org.matheclipse.core.interfaces.IExpr tree, double u) {
    return SymbolicEngine.shared().evalf(F.subst(tree, Symbols.U, F.num(u)));
  }
}
