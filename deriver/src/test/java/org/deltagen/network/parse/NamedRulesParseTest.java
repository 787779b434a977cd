package org.deltagen.network.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NamedLoss;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.symbolic.SymbolicEngine;
import org.deltagen.symbolic.Symbols;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

  @Test
  void anUnknownParameterIsDg016AtTheRule() {
    Diagnostic problem = single(spec("leaky-relu(b=1)", "identity", "sse"));
    assertEquals(ErrorCode.DG016, problem.code());
    assertEquals(new SourceLocation(FILE, 3, 9), problem.location());
    assertEquals("leaky-relu takes a", problem.hint());
  }

  @Test
  void aParameterThatIsNotANumberIsDg017AtTheValue() {
    Diagnostic problem = single(spec("tanh", "identity", "huber(delta=big)"));
    assertEquals(ErrorCode.DG017, problem.code());
    assertEquals(new SourceLocation(FILE, 5, 18), problem.location());
  }

  @Test
  void unbalancedParenthesesAreDg016() {
    Diagnostic problem = single(spec("leaky-relu(a=0.1", "identity", "sse"));
    assertEquals(ErrorCode.DG016, problem.code());
    assertEquals(new SourceLocation(FILE, 3, 9), problem.location());
  }

  @Test
  void softmaxOnAHiddenLayerIsDg021AtThatLayer() {
    Diagnostic problem = single(spec("softmax", "identity", "sse"));
    assertEquals(ErrorCode.DG021, problem.code());
    assertEquals(new SourceLocation(FILE, 3, 1), problem.location());
  }

  @Test
  void crossEntropyWithoutSoftmaxIsDg022AtTheLoss() {
    Diagnostic problem = single(spec("tanh", "sigmoid", "cross-entropy"));
    assertEquals(ErrorCode.DG022, problem.code());
    assertEquals(new SourceLocation(FILE, 5, 6), problem.location());
    assertEquals("cross-entropy needs a softmax output layer, not sigmoid", problem.message());
  }

  @Test
  void binaryCrossEntropyWithoutSigmoidIsDg022AtTheLoss() {
    Diagnostic problem = single(spec("tanh", "softmax", "binary-cross-entropy"));
    assertEquals(ErrorCode.DG022, problem.code());
    assertEquals(new SourceLocation(FILE, 5, 6), problem.location());
  }

  private static double valueAt(org.matheclipse.core.interfaces.IExpr tree, double u) {
    return SymbolicEngine.shared().evalf(F.subst(tree, Symbols.U, F.num(u)));
  }

  private static Diagnostic single(String text) {
    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(FILE, text));
    List<Diagnostic> diagnostics = e.diagnostics();
    assertEquals(1, diagnostics.size(), e.getMessage());
    return diagnostics.get(0);
  }
}
