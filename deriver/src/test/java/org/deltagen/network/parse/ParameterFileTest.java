package org.deltagen.network.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Initializer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parameter files: numbers in any layout, located errors, and the seed-000 XOR weights. */
class ParameterFileTest {
  /** np.random.seed(0)'s W1 and W2 of seed 000, with zero biases, in deltagen's layout. */
  private static final String XOR_SEED_000 =
      """
      # layer 1: 3 rows (bias, input 1, input 2) x 2 hidden units
      0 0
      1.764052345967664 0.4001572083672233
      0.9787379841057392 2.240893199201458
      # layer 2: 3 rows (bias, hidden 1, hidden 2) x 1 output
      0
      1.8675579901499675
      -0.977277879876411
      """;

  @Test
  void readsNumbersInAnyLayoutAroundComments() throws SpecException {
    Initializer.Explicit parameters =
        ParameterFile.parse("p.txt", "# header\n1 2.5\t-3e-2\n\n  +4 # four\r\n.5   6.\n7E1");

    assertArrayEquals(new double[] {1, 2.5, -0.03, 4, 0.5, 6, 70}, parameters.parameters());
    assertEquals("p.txt", parameters.source());
  }

  @Test
  void reportsEveryTokenThatIsNotAFiniteNumberAtItsPlace() {
    SpecException e =
        assertThrows(
            SpecException.class,
            () ->
                ParameterFile.parse(
                    "p.txt", "1 2\n3 abc 4\n# NaN in a comment is fine\n  NaN 1e400"));

    List<Diagnostic> problems = e.diagnostics();
    assertEquals(3, problems.size(), e::getMessage);
    assertDiagnostic(problems.get(0), ErrorCode.DG017, 2, 3);
    assertDiagnostic(problems.get(1), ErrorCode.DG017, 4, 3);
    assertDiagnostic(problems.get(2), ErrorCode.DG017, 4, 7);
    assertEquals(
        "DG017 p.txt:2:3: parameter 'abc' is not a finite number;"
            + " write decimals such as -0.977 or 1.5e-3, separated by blanks",
        problems.get(0).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Infinity", "-Infinity", "1d", "0x1p3", "1,5", "1.2.3", "--1", "e5"})
  void rejectsWhatOnlyJavaWouldReadAsANumber(String token) {
    SpecException e =
        assertThrows(SpecException.class, () -> ParameterFile.parse("p.txt", "0\n  " + token));

    assertEquals(1, e.diagnostics().size(), e::getMessage);
    assertDiagnostic(e.diagnostics().get(0), ErrorCode.DG017, 2, 3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n\n", "# only a comment\n   \t\n"})
  void reportsAFileWithoutNumbers(String text) {
    SpecException e = assertThrows(SpecException.class, () -> ParameterFile.parse("p.txt", text));

    assertEquals(1, e.diagnostics().size(), e::getMessage);
    assertDiagnostic(e.diagnostics().get(0), ErrorCode.DG008, 1, 1);
  }

  @Test
  void carriesTheSeed000XorWeightsIntoTheirPlacesInTheNetwork() throws SpecException {
    Initializer.Explicit parameters = ParameterFile.parse("xor.params", XOR_SEED_000);

    NetworkSpec spec =
        SpecParser.parse(
            "xor.nn", SpecParserTest.XOR, parameters, new SourceLocation("xor.params", 1, 1));

    Initializer.Explicit initializer =
        assertInstanceOf(Initializer.Explicit.class, spec.initializer());
    double[] w = initializer.parameters();
    assertEquals(9, w.length);
    assertEquals(0, w[spec.weightIndex(1, 0, 1)]);
    assertEquals(0, w[spec.weightIndex(1, 0, 2)]);
    assertEquals(1.764052345967664, w[spec.weightIndex(1, 1, 1)]);
    assertEquals(0.4001572083672233, w[spec.weightIndex(1, 1, 2)]);
    assertEquals(0.9787379841057392, w[spec.weightIndex(1, 2, 1)]);
    assertEquals(2.240893199201458, w[spec.weightIndex(1, 2, 2)]);
    assertEquals(0, w[spec.weightIndex(2, 0, 1)]);
    assertEquals(1.8675579901499675, w[spec.weightIndex(2, 1, 1)]);
    assertEquals(-0.977277879876411, w[spec.weightIndex(2, 2, 1)]);
  }

  @Test
  void readsAFileAndNamesItByItsFileName(@TempDir Path directory)
      throws IOException, SpecException {
    Path file = directory.resolve("xor.params");
    Files.writeString(file, XOR_SEED_000);

    Initializer.Explicit parameters = ParameterFile.read(file);

    assertEquals("xor.params", parameters.source());
    assertEquals(ParameterFile.parse("other", XOR_SEED_000), parameters);
    Files.writeString(file, "0 zero");
    SpecException e = assertThrows(SpecException.class, () -> ParameterFile.read(file));
    assertDiagnostic(e.diagnostics().get(0), ErrorCode.DG017, "xor.params", 1, 3);
  }

  private static void assertDiagnostic(Diagnostic problem, ErrorCode code, int line, int column) {
    assertDiagnostic(problem, code, "p.txt", line, column);
  }

  private static void assertDiagnostic(
      Diagnostic problem, ErrorCode code, String file, int line, int column) {
    assertEquals(code, problem.code(), problem::toString);
    assertEquals(new SourceLocation(file, line, column), problem.location(), problem::toString);
  }
}
