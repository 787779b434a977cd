package org.deltagen.network.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the {@code .nn} reader with any text (the input's bytes as UTF-8): it returns a spec or
 * throws a {@link SpecException} whose every problem is located in that text. Any other exception
 * is a finding, and so is an input that takes more than {@value #SECONDS} seconds. Seeds:
 * {@code SpecParserFuzzTestInputs/parse/}; how to run it longer: README, "Fuzzing".
 */
class SpecParserFuzzTest {
  static final int SECONDS = 10;
  private static final String FILE = "fuzz.nn";

  /** Starts Symja, which takes seconds, before the time limit applies to each input. */
  @BeforeAll
  static void startSymja() throws SpecException {
    SpecParser.parse(FILE, "network Warm\ninput 1\nlayer 1 f(u) = u\nloss sse\n");
  }

  @DictionaryFile(resourcePath = "nn.dict")
  @FuzzTest(maxDuration = "30s")
  @Timeout(value = SECONDS, unit = TimeUnit.SECONDS)
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      SpecParser.parse(FILE, text);
    } catch (SpecException e) {
      List<Line> lines = Line.split(FILE, text);
      for (Diagnostic problem : e.diagnostics()) {
        assertLocated(problem, lines);
      }
    }
  }

  /** The problem names the file, one of its lines and a column of that line or just past its end. */
  private static void assertLocated(Diagnostic problem, List<Line> lines) {
    SourceLocation at = problem.location();
    assertEquals(FILE, at.file(), problem::toString);
    assertTrue(at.line() >= 1 && at.line() <= lines.size(), () -> problem + ": no such line");
    int end = lines.get(at.line() - 1).content().length() + 1;
    assertTrue(at.column() >= 1 && at.column() <= end, () -> problem + ": no such column");
  }
}
