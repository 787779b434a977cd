package org.deltagen.network.parse;

import static org.deltagen.network.Problems.assertText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Initializer;
import org.deltagen.network.Problems;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every problem a spec can have gives one coded diagnostic at the right file, line and column. */
class SpecParserDiagnosticsTest {
  private static final String FILE = "xor.nn";
  private static final SourceLocation PARAMETERS = new SourceLocation("xor.params", 0, 0);
  private static final List<String> XOR =
      List.of(
          "# seed 000: XOR with a 2-2-1 sigmoid network",
          "network Xor",
          "package com.example.xor",
          "input 2",
          "layer 2 sigmoid",
          "layer 1 sigmoid",
          "loss (y - d)^2",
          "batch sum",
          "optimizer sgd lr=0.1",
          "init normal seed=0");

  @Test
  void theBaseSpecOfTheseTestsIsValid() throws SpecException {
    assertEquals(9, SpecParser.parse(FILE, String.join("\n", XOR)).parameterCount());
  }

  /**
   * One line of the base spec replaced (or appended past its end), and the one problem it must
   * give; the message and hint cells are read by {@link Problems#assertText}.
   */
  @ParameterizedTest(name = "{2} at {0}:{3}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
    5  | lyer 2 sigmoid            | DG001 | 1  | unknown statement 'lyer' | did you mean 'layer'?
    11 | "  input 3"               | DG003 | 3  | 'input' was already given on line 4 |
    2  | network 1Xor              | DG004 | 9  | …'1Xor'… |
    3  | package com.example.class | DG005 | 9  | |
    11 | schedule step size=0      | DG006 | 20 | 'size' needs a positive whole number, not '0' |
    11 | schedule cosine period=2.5 | DG006 | 24 | 'period' needs a positive whole number, not '2.5' |
    4  | input two                 | DG006 | 7  | …positive whole number… |
    4  | input 0                   | DG006 | 7  | …positive whole number… |
    4  | input -1                  | DG006 | 7  | …positive whole number… |
    4  | input 1.5                 | DG006 | 7  | …positive whole number… |
    4  | input 99999999999         | DG006 | 7  | …positive whole number… |
    5  | layer 0 sigmoid           | DG006 | 7  | …positive whole number… |
    6  | layer x sigmoid           | DG006 | 7  | …positive whole number… |
    2  | network Xor Foo           | DG007 | 13 | unexpected '… |
    3  | package a.b c             | DG007 | 13 | unexpected '… |
    4  | input 2 3                 | DG007 | 9  | unexpected '… |
    5  | layer 2 sigmoid extra     | DG007 | 17 | unexpected '… |
    5  | layer 2 sigmoid bias=false extra | DG007 | 28 | unexpected '… |
    7  | loss sse extra            | DG007 | 10 | unexpected '… |
    8  | batch sum extra           | DG007 | 11 | unexpected '… |
    11 | precision double x        | DG007 | 18 | unexpected '… |
    4  | input   # two             | DG008 | 6  | 'input' needs the number of inputs | e.g. 'input 2'
    11 | schedule exponential      | DG008 | 1  | option 'gamma' is missing |
    11 | schedule step gamma=0.5   | DG008 | 1  | option 'size' is missing |
    11 | warmup start=0.5          | DG008 | 1  | option 'epochs' is missing |
    2  | network                   | DG008 | 8  |  |
    3  | package                   | DG008 | 8  |  |
    4  | input                     | DG008 | 6  |  |
    5  | layer                     | DG008 | 6  |  |
    5  | layer 2                   | DG008 | 8  |  |
    5  | layer 2 f(u) =            | DG008 | 15 |  |
    5  | layer 2 bias=false        | DG008 | 9  |  |
    7  | loss                      | DG008 | 5  |  |
    8  | batch                     | DG008 | 6  |  |
    9  | optimizer                 | DG008 | 10 |  |
    10 | init                      | DG008 | 5  |  |
    11 | precision                 | DG008 | 10 |  |
    6  | layer\t1\t\tsigmod        | DG010 | 10 | |
    5  | layer 2 f(x) = x          | DG010 | 9  | |
    6  | layer 1 f(u) = u + w      | DG012 | 20 | …'w'… |
    7  | loss (y - t)^2            | DG012 | 11 | |
    7  | loss  half-sde            | DG013 | 7  | | did you mean 'half-sse'?…
    7  | loss hubber delta=1       | DG013 | 6  | unknown loss 'hubber' |
    8  | batch summ                | DG014 | 7  | unknown batch reduction 'summ' | did you mean 'sum'?
    9  | optimizer adamm lr=0.1    | DG015 | 11 | | did you mean 'adam'?
    7  | loss sse delta=1          | DG016 | 10 | unknown option 'delta': give a named loss's parameters in parentheses, e.g. huber(delta=1.5) |
    9  | optimizer sgd beta1=0.9   | DG016 | 15 | unknown option 'beta1': sgd takes lr, momentum, dampening, nesterov, weight-decay, decay-biases |
    11 | precision half            | DG016 | 11 | unknown precision 'half' | precision is double or float
    11 | schedule constant gamma=1 | DG016 | 19 | unknown option 'gamma': constant takes no options |
    9  | optimizer sgd beta1=0.9   | DG016 | 15 |  |
    9  | optimizer sgd nesterov=true | DG016 | 11 |  |
    9  | optimizer sgd 0.1         | DG016 | 15 |  |
    9  | optimizer sgd lr=         | DG016 | 15 |  |
    9  | optimizer sgd =0.1        | DG016 | 15 |  |
    9  | optimizer sgd lr=0.1 lr=0.2 | DG016 | 22 |  |
    5  | layer 2 sigmoid bias=maybe | DG016 | 17 |  |
    5  | layer 2 sigmoid dropout=0.5 dropout=0.1 | DG016 | 29 | option 'dropout' is given twice |
    5  | layer 2 f(u) = u bias=no  | DG016 | 18 |  |
    10 | init zeros seed=1         | DG016 | 12 |  |
    10 | init normal mean=0        | DG016 | 13 |  |
    11 | precision quad            | DG016 | 11 |  |
    11 | schedule cosine period=10 min-lr=-1 | DG017 | 34 | 'min-lr' needs a number ≥ 0, not '-1' |
    11 | regularize l1=-0.1        | DG017 | 15 | 'l1' needs a number ≥ 0, not '-0.1' |
    11 | regularize l1=NaN         | DG017 | 15 | 'l1' needs a number ≥ 0, not 'NaN' |
    11 | regularize l2=0.1         | DG016 | 12 | unknown option 'l2': regularize takes l1, e.g. regularize l1=1e-4 |
    11 | regularize                | DG008 | 11 | 'regularize' needs l1=<λ of the penalty λ Σ… |
    11 | schedule exponential gamma=0 | DG017 | 28 | 'gamma' needs a positive number, not '0' |
    11 | warmup epochs=5 start=2   | DG017 | 23 | 'start' needs a number in (0, 1], not '2' |
    9  | optimizer sgd lr=fast     | DG017 | 18 |  |
    9  | optimizer sgd lr=-0.1     | DG017 | 18 |  |
    9  | optimizer sgd lr=0        | DG017 | 18 |  |
    9  | optimizer sgd lr=NaN      | DG017 | 18 |  |
    9  | optimizer sgd lr=Infinity | DG017 | 18 |  |
    9  | optimizer sgd lr=1e400    | DG017 | 18 |  |
    9  | optimizer sgd lr=0x1p3    | DG017 | 18 |  |
    10 | init normal seed=1.5      | DG017 | 18 |  |
    10 | init normal seed=99999999999999999999 | DG017 | 18 |  |
    10 | init normal std=0         | DG017 | 17 |  |
    10 | init normal seed=0 std=-1 | DG017 | 24 |  |
    10 | init orthogonal seed=0    | DG018 | 6  | unknown initializer 'orthogonal' | expected one of: normal, uniform, xavier, he, zeros
    10 | init normall              | DG018 | 6  | | did you mean 'normal'?
    11 | schedule cosin period=10  | DG023 | 10 | unknown learning-rate schedule 'cosin' | …cosine…
    5  | layer 2 f(u; 2a=1) = u    | DG028 | 14 | '2a' is not a parameter name | …lower-case identifier…
    5  | layer 2 f(u; a-b=1) = u   | DG028 | 14 | 'a-b' is not a parameter name |
    5  | layer 2 f(u; u=1) = u     | DG028 | 14 | parameter 'u' shadows a reserved symbol | …u is the unit's input…
    5  | layer 2 f(u; e=1) = u*e   | DG028 | 14 | parameter 'e' shadows a reserved symbol |
    5  | layer 2 f(u; exp=1) = u   | DG028 | 14 | parameter 'exp' shadows a reserved symbol |
    5  | layer 2 f(u; a=1) = u     | DG028 | 14 | parameter 'a' is not used in f | use it in the expression, or drop it
    5  | layer 2 f(u; a=1, a=2) = a*u | DG028 | 19 | parameter 'a' is declared twice | declare it once
    5  | layer 2 f(u; a=NaN) = a*u | DG017 | 16 | parameter 'a' needs a finite initial value, not 'NaN' |
    5  | layer 2 f(u; a=1e999) = a*u | DG017 | 16 | parameter 'a' needs a finite initial value, not '1e999' |
    5  | layer 2 f(u; a) = a*u     | DG017 | 14 | parameter 'a' has no initial value | …f(u; a=1) = a*u
    5  | layer 2 f(u; a=1) = a*v   | DG012 | 23 | unknown symbol 'v' in 'a*v' |
    6  | layer 1 prelu(a=0.25)     | DG028 | 1  | prelu(a=0.25) learns parameters, which only a hidden layer's activation may do |
    5  | layer 2 prelu(b=1)        | DG016 | 9  | prelu has no parameter 'b' | prelu takes a
    5  | layer 2 sigmoid skip=1    | DG027 | 22 | layer 1 takes skip=1, but a skip comes from an earlier layer: 0 ≤ k < 1 | the first layer can skip from the input x only: skip=0
    5  | layer 2 sigmoid skip=7    | DG027 | 22 | …a skip comes from an earlier layer… |
    5  | layer 3 sigmoid skip=0    | DG027 | 22 | skip=0 adds z^0 of 2 units to layer 1 of 3: a skip needs n_0 = n_1 | make layer 1 2 units wide, or skip from a layer of 3 units
    6  | layer 2 sigmoid skip=1    | DG027 | 22 | the output layer takes no skip: y = f(u) + z^1 would leave the range its loss assumes | …hidden layer…
    5  | layer 2 f(u) = u skip=5 bias=false | DG027 | 23 | …a skip comes from an earlier layer… |
    5  | layer 2 sigmoid skip=-1   | DG017 | 22 | 'skip' needs the number of an earlier layer, not -1 | 0 is the input x, e.g. skip=0
    5  | layer 2 sigmoid skip=1.5  | DG017 | 22 | 'skip' needs a whole number, not '1.5' |
    5  | layer 2 sigmoid skip=one  | DG017 | 22 | |
    5  | layer 2 sigmoid skip=     | DG016 | 17 | |
    5  | layer 2 sigmoid skip=0 skip=0 | DG016 | 24 | option 'skip' is given twice |
    5  | layer 2 sigmoid norm=batch momentum=1.5 | DG017 | 37 | 'momentum' needs a number in [0, 1], not '1.5' | e.g. momentum=0.1
    5  | layer 2 sigmoid norm=batch momentum=-0.1 | DG017 | 37 | 'momentum' needs a number in [0, 1], not '-0.1' |
    5  | layer 2 sigmoid norm=batch momentum=NaN | DG017 | 37 | 'momentum' needs a number in [0, 1], not 'NaN' |
    5  | layer 2 sigmoid norm=batch eps=0 | DG017 | 32 | 'eps' needs a positive number, not '0' |
    5  | layer 2 sigmoid momentum=0.1 | DG016 | 17 | 'momentum' weighs batch norm's running statistics, and this layer has no norm=batch | add norm=batch, or leave momentum out
    5  | layer 2 sigmoid norm=layer momentum=0.1 | DG016 | 28 | 'momentum' weighs batch norm's running statistics, and this layer has no norm=batch |
    5  | layer 2 sigmoid norm=instance | DG016 | 22 | unknown normalization 'instance' | norm=layer, norm=group(g=G) or norm=batch…
    5  | layer 2 sigmoid norm=group(2) | DG016 | 22 | unknown normalization 'group(2)' |
    5  | layer 2 sigmoid norm=group(g=3) | DG027 | 22 | norm=group(g=3) splits layer 1's 2 units into 3 groups, which needs g to divide n_1 | take g among 1, 2, or make the layer a multiple of 3 units wide
    5  | layer 2 sigmoid norm=group(g=0) | DG006 | 30 | 'g' needs a positive whole number of groups, not '0' |
    5  | layer 2 sigmoid norm=group(g=two) | DG006 | 30 | 'g' needs a positive whole number of groups, not 'two' |
    5  | layer 2 sigmoid norm=layer eps=0 | DG017 | 32 | 'eps' needs a positive number, not '0' | e.g. eps=1.0E-5
    5  | layer 2 sigmoid norm=layer eps=-1e-5 | DG017 | 32 | 'eps' needs a positive number, not '-1e-5' |
    5  | layer 2 sigmoid norm=layer eps=NaN | DG017 | 32 | 'eps' needs a positive number, not 'NaN' |
    5  | layer 2 sigmoid eps=1e-3  | DG016 | 17 | 'eps' is a normalization's ε, and this layer has no norm | add norm=layer, or leave eps out
    5  | layer 2 sigmoid norm=layer norm=layer | DG016 | 28 | option 'norm' is given twice |
    5  | layer 2 sigmoid dropout=1 | DG017 | 25 | 'dropout' needs a probability p with 0 ≤ p < 1, not 1.0 | p is the fraction of units dropped in training: p = 0 means no dropout, and p must be below 1, e.g. dropout=0.5
    5  | layer 2 sigmoid dropout=-0.1 | DG017 | 25 | 'dropout' needs a probability p with 0 ≤ p < 1, not -0.1 | …p = 0 means no dropout…
    5  | layer 2 sigmoid dropout=NaN | DG017 | 25 | 'dropout' needs a probability p, 0 ≤ p < 1, not 'NaN' |
    5  | layer 2 sigmoid dropout=half | DG017 | 25 | 'dropout' needs a probability p, 0 ≤ p < 1, not 'half' |
    5  | layer 2 sigmoid dropout=  | DG016 | 17 |  |
    6  | layer 1 sigmoid dropout=0.5 | DG027 | 25 | the output layer takes no dropout: y = z^2 is what the loss compares with d | put the dropout on a hidden layer, e.g. the one before the output
    6  | layer 1 sigmoid norm=layer | DG027 | 22 | the output layer takes no norm: its δ^2 comes from the output rule on u^2 | normalize a hidden layer, and end the network with a layer of its own
    """)
  void aBrokenLineGivesOneCodedDiagnostic(
      int line, String statement, ErrorCode code, int column, String message, String hint) {
    Diagnostic problem = assertSingleError(withLine(line, statement), code, line, column);

    assertText(message, problem.message());
    assertText(hint, problem.hint());
  }

  @Test
  void dg002MissingStatement() {
    Diagnostic problem = assertSingleError(withLine(7, "# no loss"), ErrorCode.DG002, 1, 1);

    assertEquals("the spec has no 'loss' statement", problem.message());
  }

  @Test
  void dg002ReportsEveryMissingStatementOfAnEmptyFile() {
    SpecException e =
        assertThrows(SpecException.class, () -> SpecParser.parse(FILE, "# nothing\n"));

    assertEquals(4, e.diagnostics().size());
    for (Diagnostic problem : e.diagnostics()) {
      assertEquals(ErrorCode.DG002, problem.code());
      assertEquals(new SourceLocation(FILE, 1, 1), problem.location());
    }
  }

  @Test
  void dg003CountsAStatementWithAnErrorAsGiven() {
    SpecException e = parseFailing(withLine(11, "batch mean", withLine(8, "batch summ")));

    assertCodes(e, ErrorCode.DG014, ErrorCode.DG003);
    assertEquals("'batch' was already given on line 8", e.diagnostics().get(1).message());
  }

  @Test
  void dg006OnTheOnlyLayerIsNotAlsoReportedAsAMissingLayer() {
    String spec = "network Net\ninput 2\nlayer 0 sigmoid\nloss sse\n";

    assertSingleError(spec, ErrorCode.DG006, 3, 7);
  }

  @Test
  void dg010UnknownActivation() {
    Diagnostic problem = assertSingleError(withLine(5, "layer 2 sigmod"), ErrorCode.DG010, 5, 9);

    assertEquals(
        "DG010 xor.nn:5:9: unknown activation 'sigmod'; did you mean 'sigmoid'?"
            + " (or write f(u) = <expression>)",
        problem.toString());
  }

  @Test
  void dg011LossDoesNotParse() {
    assertExpressionError(withLine(7, "loss (y - d^2"), 7, 6, "loss (y - d^2".length() + 1);
  }

  @Test
  void dg011ActivationDoesNotParse() {
    assertExpressionError(withLine(6, "layer 1 f(u) = 1/(1+Exp(-u)"), 6, 16, 29);
  }

  @Test
  void dg019NetworkTooLargeForJavaArrays() {
    Diagnostic problem =
        assertSingleError(withLine(6, "layer 100000 tanh", withLine(5, "layer 100000 tanh")),
            ErrorCode.DG019, 6, 1);

    assertTrue(problem.message().contains("10000400000 parameters by this layer, more than 67108864"), problem.message());
  }

  @Test
  void dg020ParameterFileDoesNotFitTheNetwork() {
    SpecException e = parseFailing(spec(XOR), 8);

    assertEquals(1, e.diagnostics().size(), e::getMessage);
    Diagnostic problem = e.diagnostics().get(0);
    assertEquals(ErrorCode.DG020, problem.code());
    assertEquals(PARAMETERS, problem.location());
    assertEquals("network Xor has 9 parameters, but xor.params gives 8", problem.message());
  }

  @Test
  void dg020IsNotReportedWhenAnErrorChangedTheNetworksSize() {
    SpecException e = parseFailing(withLine(5, "layer 2 sigmod"), 9);

    assertCodes(e, ErrorCode.DG010);
  }

  @Test
  void reportsEveryProblemOfTheFileInLineOrder() {
    String spec =
        withLine(8, "batch summ", withLine(5, "layer 2 sigmod", withLine(4, "input two")));

    SpecException e = parseFailing(spec);

    assertCodes(e, ErrorCode.DG006, ErrorCode.DG010, ErrorCode.DG014);
    assertEquals(List.of(4, 5, 8), e.diagnostics().stream().map(d -> d.location().line()).toList());
  }

  @Test
  void mergesTheBuildersProblemsIntoLineOrder() {
    String spec = withLine(7, "", withLine(5, "layer 2 sigmod", withLine(2, "network 1Xor")));

    SpecException e = parseFailing(spec);

    assertCodes(e, ErrorCode.DG002, ErrorCode.DG004, ErrorCode.DG010);
    assertEquals(
        "DG002 xor.nn:1:1: the spec has no 'loss' statement; add one, e.g. 'loss half-sse'\n"
            + "DG004 xor.nn:2:9: network name '1Xor' starts with a digit; a class name is ASCII letters,"
            + " digits and _, starting with a letter, at most 128 characters, not a keyword, e.g. 'network Xor'\n"
            + "DG010 xor.nn:5:9: unknown activation 'sigmod'; did you mean 'sigmoid'?"
            + " (or write f(u) = <expression>)",
        e.getMessage());
  }

  @Test
  void reportsNothingButSpecExceptionsForAnyInput() {
    String[] fragments = {
      "network",
      "package",
      "input",
      "layer",
      "loss",
      "batch",
      "optimizer",
      "init",
      "precision",
      "2",
      "0",
      "-1",
      "99999999999",
      "sigmoid",
      "f(u)",
      "f(u)=",
      "=",
      "==",
      "u",
      "y",
      "d",
      "y-d",
      "(",
      ")",
      "^",
      "bias=",
      "bias=false",
      "lr=",
      "lr=0.1",
      "seed=",
      "std=1e400",
      "sgd",
      "normal",
      "zeros",
      "sum",
      "#",
      "\t",
      "Piecewise({{u,",
      "u>0}},0)",
      "é",
      "half-sse",
      "1e5",
      "a.b",
    };
    Random random = new Random(0);
    for (int trial = 0; trial < 400; trial++) {
      String spec = randomSpec(random, fragments);
      try {
        SpecParser.parse(FILE, spec);
      } catch (SpecException expected) {
        // Bad input must end here, and only here.
      } catch (RuntimeException e) {
        fail("parsing threw " + e + " for:\n" + spec, e);
      }
    }
  }

  private static String randomSpec(Random random, String[] fragments) {
    List<String> lines = new ArrayList<>();
    for (int l = random.nextInt(7); l >= 0; l--) {
      List<String> words = new ArrayList<>();
      for (int w = random.nextInt(6); w >= 0; w--) {
        words.add(fragments[random.nextInt(fragments.length)]);
      }
      lines.add(String.join(random.nextBoolean() ? " " : "", words));
    }
    return String.join("\n", lines);
  }

  /** Asserts that {@code spec} has exactly one problem, with this code, in xor.nn at this place. */
  private static Diagnostic assertSingleError(String spec, ErrorCode code, int line, int column) {
    SpecException e = parseFailing(spec);
    assertEquals(1, e.diagnostics().size(), e::getMessage);
    Diagnostic problem = e.diagnostics().get(0);
    assertEquals(code, problem.code(), problem::toString);
    assertEquals(new SourceLocation(FILE, line, column), problem.location(), problem::toString);
    return problem;
  }

  private static void assertExpressionError(
      String spec, int line, int firstColumn, int lastColumn) {
    SpecException e = parseFailing(spec);
    assertEquals(1, e.diagnostics().size(), e::getMessage);
    Diagnostic problem = e.diagnostics().get(0);
    assertEquals(ErrorCode.DG011, problem.code(), problem::toString);
    assertEquals(FILE, problem.location().file());
    assertEquals(line, problem.location().line());
    int column = problem.location().column();
    assertTrue(column >= firstColumn && column <= lastColumn, problem::toString);
  }

  private static void assertCodes(SpecException e, ErrorCode... codes) {
    assertEquals(
        Arrays.asList(codes),
        e.diagnostics().stream().map(Diagnostic::code).toList(),
        e::getMessage);
  }

  private static SpecException parseFailing(String spec) {
    return assertThrows(SpecException.class, () -> SpecParser.parse(FILE, spec));
  }

  /** Parses {@code spec} with {@code count} explicit parameters, read from xor.params. */
  private static SpecException parseFailing(String spec, int count) {
    Initializer.Explicit parameters = new Initializer.Explicit(new double[count], "xor.params");
    return assertThrows(SpecException.class, () -> SpecParser.parse(FILE, spec, parameters, PARAMETERS));
  }

  /** The base spec with line {@code number} replaced, or appended when it is one past the end. */
  private static String withLine(int number, String text) {
    return withLine(number, text, spec(XOR));
  }

  private static String withLine(int number, String text, String spec) {
    List<String> lines = new ArrayList<>(Arrays.asList(spec.split("\n", -1)));
    if (number > lines.size()) {
      lines.add(text);
    } else {
      lines.set(number - 1, text);
    }
    return String.join("\n", lines);
  }

  private static String spec(List<String> lines) {
    return String.join("\n", lines);
  }
}
