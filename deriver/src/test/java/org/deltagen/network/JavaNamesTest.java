package org.deltagen.network;

import static org.deltagen.network.Problems.assertAt;
import static org.deltagen.network.Problems.assertMentions;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Class and package names are plain ASCII Java identifiers that compile on Java 17 and shadow nothing. */
class JavaNamesTest {
  private static Diagnostic refused(String statements) {
    return Problems.single("net.nn", statements + "\ninput 2\nlayer 1 sigmoid\nloss sse\n");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
    var|is a restricted identifier in Java 17
    record|is a restricted identifier in Java 17
    yield|is a restricted identifier in Java 17
    sealed|is a restricted identifier in Java 17
    permits|is a restricted identifier in Java 17
    when|is a restricted identifier in Java 17
    module|is a restricted identifier in Java 17
    class|is a Java keyword
    _|is a Java keyword
    true|is a Java keyword
    1Xor|starts with a digit
    Xor$1|has '$' at position 4
    Réseau|has 'é' at position 2
    X\u200Bor|has '<U+200B>' at position 2
    Xo\u202Er|has '<U+202E>' at position 3
    X\u0007or|has '<U+0007>' at position 2
    """)
  void aClassNameOutsideTheRuleIsALocatedDg004(String name, String reason) {
    Diagnostic problem = assertAt(refused("network " + name), ErrorCode.DG004, new SourceLocation("net.nn", 1, 9));

    assertMentions(reason, problem.message());
    assertMentions("ASCII letters, digits and _", problem.hint());
  }

  @Test
  void aClassNameOfMoreThan128CharactersIsRefusedWithoutEchoingIt() {
    Diagnostic problem = refused("network " + "N".repeat(300));

    assertEquals(ErrorCode.DG004, problem.code());
    assertTrue(problem.message().contains("is 300 characters long, more than 128"), problem.message());
    assertTrue(problem.message().length() < 200, problem.message());
  }

  @Test
  void aMegabyteNameIsRefusedQuickly() {
    Diagnostic problem = refused("network " + "N".repeat(1 << 20));

    assertEquals(ErrorCode.DG004, problem.code());
    assertTrue(problem.message().contains("1048576 characters long"), problem.message());
  }

  @Test
  void aNameOf128CharactersIsAccepted() {
    assertDoesNotThrow(() -> SpecParser.parse("net.nn", "network " + "N".repeat(128) + "\ninput 1\nlayer 1 sigmoid\nloss sse\n"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
    java.lang|is in the JDK's own 'java' packages
    java|is in the JDK's own 'java' packages
    javax.annotation|is in the JDK's own 'javax' packages
    com.var.x|has the part 'var', which is a restricted identifier
    com.class|has the part 'class', which is a Java keyword
    com.exämple|has the part 'exämple', which has 'ä' at position 3
    com..x|has an empty part
    com.x.|has an empty part
    """)
  void aPackageOutsideTheRuleIsALocatedDg005(String name, String reason) {
    Diagnostic problem = refused("network Net\npackage " + name);

    assertMentions(reason, assertAt(problem, ErrorCode.DG005, new SourceLocation("net.nn", 2, 9)).message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.lang", "com.record", "a\u200Bb"})
  void aBuildsDefaultPackageIsHeldToTheSameRule(String name) throws SpecException {
    NetworkSpec spec = SpecParser.parse("net.nn", "network Net\ninput 1\nlayer 1 sigmoid\nloss sse\n");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec.withPackageName(name));
    assertTrue(e.getMessage().startsWith("DG005"), e.getMessage());
  }
}
