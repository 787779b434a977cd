package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltagen.network.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shape of three generated trainers, one per loop layout: XOR (unrolled), Iris (looped) and
 * 784-128-10 (slots). Behaviour is the other tests' business; these files are here to be read, so
 * that a change to how the code reads shows in its diff. Refresh them with
 * {@code mvn -pl codegen -am test -Dtest=GoldenSourceTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddeltagen.refreshGolden=true}.
 */
class GoldenSourceTest {
  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Path GOLDEN = Path.of("src/test/resources/org/deltagen/codegen/golden");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Xor.java.golden, ../cli/src/main/resources/org/deltagen/cli/xor.nn",
    "Iris.java.golden, ../generated-example/src/main/deltagen/iris.nn",
    "Mnist.java.golden, ../benchmarks/src/main/deltagen/mnist.nn",
  })
  void generatedSourceReadsAsRecorded(String golden, Path specFile) throws IOException, SpecException {
    String source = Specs.generate(Specs.read(specFile)).toString().replace(Version.get(), "VERSION");
    Path file = GOLDEN.resolve(golden);
    if (Boolean.getBoolean("deltagen.refreshGolden")) {
      Files.writeString(file, source, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), source, "the generated " + golden);
  }

  /** As a person would write it: no line past column 100, no trailing blanks, string literals in ASCII. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Xor.java.golden", "Iris.java.golden", "Mnist.java.golden"})
  void generatedSourceKeepsToTheHouseLayout(String golden) throws IOException {
    List<String> lines = Files.readAllLines(GOLDEN.resolve(golden), StandardCharsets.UTF_8);
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      String where = golden + ":" + (n + 1) + ": " + line;
      assertTrue(line.codePointCount(0, line.length()) <= 100, () -> "longer than 100 columns, " + where);
      assertEquals(line.stripTrailing(), line, () -> "trailing blanks, " + where);
      String code = line.strip();
      if (!code.startsWith("*") && !code.startsWith("//") && !code.startsWith("/*")) {
        Matcher literal = STRING_LITERAL.matcher(code);
        while (literal.find()) {
          assertTrue(literal.group().chars().allMatch(c -> c < 0x80), () -> "a literal not in ASCII, " + where);
        }
      }
    }
  }

}
