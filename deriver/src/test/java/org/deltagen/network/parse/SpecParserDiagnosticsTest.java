package org.deltagen.network.parse;

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
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every problem a spec can have gives one coded diagnostic at the right file, line and column. */
class SpecParserDiagnosticsTest {
  private static final String FILE = "xor.nn";
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

  @Test
  void dg001UnknownStatement() {
    Diagnostic problem = assertSingleError(withLine(5, "lyer 2 sigmoid"), ErrorCode.DG001, 5, 1);

    assertEquals("unknown statement 'lyer'", problem.message());
    assertEquals("did you mean 'layer'?", problem.hint());
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
  void dg003StatementGivenTwice() {
    Diagnostic problem = assertSingleError(withLine(11, "  input 3"), ErrorCode.DG003, 11, 3);

    assertEquals("'input' was already given on line 4", problem.message());
  }

  @Test
  void dg003CountsAStatementWithAnErrorAsGiven() {
    SpecException e = parseFailing(withLine(11, "batch mean", withLine(8, "batch summ")));

    assertCodes(e, ErrorCode.DG014, ErrorCode.DG003);
    assertEquals("'batch' was already given on line 8", e.diagnostics().get(1).message());
  }

  @Test
  void dg004InvalidClassName() {
    Diagnostic problem = assertSingleError(withLine(2, "network 1Xor"), ErrorCode.DG004, 2, 9);

    assertTrue(problem.message().contains("'1Xor'"), problem.message());
  }

  @Test
  void dg005InvalidPackageName() {
    assertSingleError(withLine(3, "package com.example.class"), ErrorCode.DG005, 3, 9);
  }

  @ParameterizedTest
  @CsvSource({
    "4, input two, 7",
    "4, input 0, 7",
    "4, input -1, 7",
    "4, input 1.5, 7",
    "4, input 99999999999, 7",
    "5, layer 0 sigmoid, 7",
    "6, layer x sigmoid, 7",
  })
  void dg006NotAPositiveWholeNumber(int line, String statement, int column) {
    Diagnostic problem =
        assertSingleError(withLine(line, statement), ErrorCode.DG006, line, column);

    assertTrue(problem.message().contains("positive whole number"), problem.message());
  }

  @Test
  void dg006OnTheOnlyLayerIsNotAlsoReportedAsAMissingLayer() {
    String spec = "network Net\ninput 2\nlayer 0 sigmoid\nloss sse\n";

    assertSingleError(spec, ErrorCode.DG006, 3, 7);
  }

  @ParameterizedTest
  @CsvSource({
    "2, network Xor Foo, 13",
    "3, package a.b c, 13",
    "4, input 2 3, 9",
    "5, layer 2 sigmoid extra, 17",
    "5, layer 2 sigmoid bias=false extra, 28",
    "7, loss sse extra, 10",
    "8, batch sum extra, 11",
    "11, precision double x, 18",
  })
  void dg007TextAfterTheStatement(int line, String statement, int column) {
    Diagnostic problem =
        assertSingleError(withLine(line, statement), ErrorCode.DG007, line, column);

    assertTrue(problem.message().startsWith("unexpected '"), problem.message());
  }

  @ParameterizedTest
  @CsvSource({
    "2, network, 8",
    "3, package, 8",
    "4, input, 6",
    "5, layer, 6",
    "5, layer 2, 8",
    "5, layer 2 f(u) =, 15",
    "5, layer 2 bias=false, 9",
    "7, loss, 5",
    "8, batch, 6",
    "9, optimizer, 10",
    "10, init, 5",
    "11, precision, 10",
  })
  void dg008ValueMissing(int line, String statement, int column) {
    assertSingleError(withLine(line, statement), ErrorCode.DG008, line, column);
  }

  @Test
  void dg008MessageSaysWhatIsNeeded() {
    Diagnostic problem = assertSingleError(withLine(4, "input   # two"), ErrorCode.DG008, 4, 6);

    assertEquals("'input' needs the number of inputs", problem.message());
    assertEquals("e.g. 'input 2'", problem.hint());
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
  void dg010CountsATabAsOneColumn() {
    assertSingleError(withLine(6, "layer\t1\t\tsigmod"), ErrorCode.DG010, 6, 10);
  }

  @Test
  void dg010ForAFunctionOfAnotherVariable() {
    assertSingleError(withLine(5, "layer 2 f(x) = x"), ErrorCode.DG010, 5, 9);
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
  void dg012UnknownSymbolInAnActivation() {
    Diagnostic problem =
        assertSingleError(withLine(6, "layer 1 f(u) = u + w"), ErrorCode.DG012, 6, 20);

    assertTrue(problem.message().contains("'w'"), problem.message());
  }

  @Test
  void dg012UnknownSymbolInALoss() {
    assertSingleError(withLine(7, "loss (y - t)^2"), ErrorCode.DG012, 7, 11);
  }

  @Test
  void dg013UnknownLoss() {
    Diagnostic problem = assertSingleError(withLine(7, "loss  half-sde"), ErrorCode.DG013, 7, 7);

    assertTrue(problem.hint().startsWith("did you mean 'half-sse'?"), problem.hint());
  }

  @Test
  void dg013ForAnUnknownLossWithOptions() {
    Diagnostic problem =
        assertSingleError(withLine(7, "loss hubber delta=1"), ErrorCode.DG013, 7, 6);

    assertEquals("unknown loss 'hubber'", problem.message());
  }

  @Test
  void dg016ForAKnownLossWithOptions() {
    Diagnostic problem = assertSingleError(withLine(7, "loss sse delta=1"), ErrorCode.DG016, 7, 10);

    assertEquals("unknown option 'delta': give a named loss's parameters in parentheses, e.g."
        + " huber(delta=1.5)", problem.message());
  }

  @Test
  void dg014UnknownBatchReduction() {
    Diagnostic problem = assertSingleError(withLine(8, "batch summ"), ErrorCode.DG014, 8, 7);

    assertEquals("unknown batch reduction 'summ'", problem.message());
    assertEquals("did you mean 'sum'?", problem.hint());
  }

  @Test
  void dg015UnknownOptimizer() {
    Diagnostic problem =
        assertSingleError(withLine(9, "optimizer adamm lr=0.1"), ErrorCode.DG015, 9, 11);

    assertEquals("did you mean 'adam'?", problem.hint());
  }

  @ParameterizedTest
  @CsvSource({
    "9, optimizer sgd beta1=0.9, 15",
    "9, optimizer sgd nesterov=true, 11",
    "9, optimizer sgd 0.1, 15",
    "9, optimizer sgd lr=, 15",
    "9, optimizer sgd =0.1, 15",
    "9, optimizer sgd lr=0.1 lr=0.2, 22",
    "5, layer 2 sigmoid bias=maybe, 17",
    "5, layer 2 sigmoid dropout=0.5, 17",
    "5, layer 2 f(u) = u bias=no, 18",
    "10, init zeros seed=1, 12",
    "10, init normal mean=0, 13",
    "11, precision quad, 11",
  })
  void dg016UnknownOrMalformedOption(int line, String statement, int column) {
    assertSingleError(withLine(line, statement), ErrorCode.DG016, line, column);
  }

  @Test
  void dg016NamesTheOptionsSgdTakes() {
    Diagnostic problem =
        assertSingleError(withLine(9, "optimizer sgd beta1=0.9"), ErrorCode.DG016, 9, 15);

    assertEquals(
        "unknown option 'beta1': sgd takes lr, momentum, dampening, nesterov, weight-decay, decay-biases",
        problem.message());
  }

  @Test
  void dg016UnknownPrecision() {
    Diagnostic problem =
        assertSingleError(withLine(11, "precision half"), ErrorCode.DG016, 11, 11);

    assertEquals("unknown precision 'half'", problem.message());
    assertEquals("precision is double or float", problem.hint());
  }

  @Test
  void dg023UnknownScheduleSuggestsTheNearest() {
    Diagnostic problem =
        assertSingleError(withLine(11, "schedule cosin period=10"), ErrorCode.DG023, 11, 10);

    assertEquals("unknown learning-rate schedule 'cosin'", problem.message());
    assertTrue(problem.hint().contains("cosine"), problem.hint());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "schedule exponential | DG008 | 1 | option 'gamma' is missing",
    "schedule step gamma=0.5 | DG008 | 1 | option 'size' is missing",
    "schedule step size=0 | DG006 | 20 | 'size' needs a positive whole number, not '0'",
    "schedule cosine period=2.5 | DG006 | 24 | 'period' needs a positive whole number, not '2.5'",
    "schedule cosine period=10 min-lr=-1 | DG017 | 34 | 'min-lr' needs a number ≥ 0, not '-1'",
    "schedule exponential gamma=0 | DG017 | 28 | 'gamma' needs a positive number, not '0'",
    "schedule constant gamma=1 | DG016 | 19 | unknown option 'gamma': constant takes no options",
    "warmup start=0.5 | DG008 | 1 | option 'epochs' is missing",
    "warmup epochs=5 start=2 | DG017 | 23 | 'start' needs a number in (0, 1], not '2'",
  })
  void scheduleOptionsAreChecked(String statement, ErrorCode code, int column, String message) {
    Diagnostic problem = assertSingleError(withLine(11, statement), code, 11, column);

    assertEquals(message, problem.message());
  }

  @ParameterizedTest
  @CsvSource({
    "9, optimizer sgd lr=fast, 18",
    "9, optimizer sgd lr=-0.1, 18",
    "9, optimizer sgd lr=0, 18",
    "9, optimizer sgd lr=NaN, 18",
    "9, optimizer sgd lr=Infinity, 18",
    "9, optimizer sgd lr=1e400, 18",
    "9, optimizer sgd lr=0x1p3, 18",
    "10, init normal seed=1.5, 18",
    "10, init normal seed=99999999999999999999, 18",
    "10, init normal std=0, 17",
    "10, init normal seed=0 std=-1, 24",
  })
  void dg017NumberExpected(int line, String statement, int column) {
    assertSingleError(withLine(line, statement), ErrorCode.DG017, line, column);
  }

  @Test
  void dg018UnknownInitializer() {
    Diagnostic problem =
        assertSingleError(withLine(10, "init orthogonal seed=0"), ErrorCode.DG018, 10, 6);

    assertEquals("unknown initializer 'orthogonal'", problem.message());
    assertEquals("expected one of: normal, uniform, xavier, he, zeros", problem.hint());
  }

  @Test
  void dg018SuggestsTheClosestInitializer() {
    Diagnostic problem = assertSingleError(withLine(10, "init normall"), ErrorCode.DG018, 10, 6);

    assertEquals("did you mean 'normal'?", problem.hint());
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
    SourceLocation parameters = new SourceLocation("xor.params", 0, 0);
    SpecException e =
        assertThrows(
            SpecException.class,
            () ->
                SpecParser.parse(
                    FILE,
                    spec(XOR),
                    new Initializer.Explicit(new double[8], "xor.params"),
                    parameters));

    assertEquals(1, e.diagnostics().size(), e::getMessage);
    Diagnostic problem = e.diagnostics().get(0);
    assertEquals(ErrorCode.DG020, problem.code());
    assertEquals(parameters, problem.location());
    assertEquals("network Xor has 9 parameters, but xor.params gives 8", problem.message());
  }

  @Test
  void dg020IsNotReportedWhenAnErrorChangedTheNetworksSize() {
    SpecException e =
        assertThrows(
            SpecException.class,
            () ->
                SpecParser.parse(
                    FILE,
                    withLine(5, "layer 2 sigmod"),
                    new Initializer.Explicit(new double[9], "xor.params"),
                    new SourceLocation("xor.params", 0, 0)));

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
