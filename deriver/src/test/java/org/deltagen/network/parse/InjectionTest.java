package org.deltagen.network.parse;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deltagen.network.ErrorCode;
import org.deltagen.network.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text that would be Java if pasted into the generated class is refused where it stands. */
class InjectionTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "network Xor{static{System.exit(1);}}|DG004",
    "network class|DG004",
    "package a.b;import|DG005",
    "layer 2 f(u) = System.exit(1)|DG024",
    "layer 2 f(u) = u; System|DG024",
    "loss (y - d)^2 + Runtime|DG012",
  })
  void javaInASpecIsALocatedErrorNeverCode(String line, ErrorCode code) {
    String keyword = line.substring(0, line.indexOf(' '));
    String base = "network Net\ninput 2\nlayer 1 tanh\nloss sse\n".replaceAll("(?m)^" + keyword + " .*$", "# replaced");
    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("net.nn", base + line + "\n"));
    assertTrue(
        e.diagnostics().stream().anyMatch(d -> d.code() == code && d.location().line() == 5),
        () -> "expected " + code + " on line 5: " + e.getMessage());
  }
}
