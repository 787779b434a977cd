package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.deltagen.derive.Deriver;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Initializer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.api.Test;

/**
 * What the pipeline meets after the parser. Spec and parameter-file names reach the generated
 * class only inside comments and string literals, and nothing in them can end the comment:
 * trainers generated from names built to inject code compile and hold no unicode escape javac would
 * expand. A network too large for a Java method, or a formula without a value at the gradient
 * check's point, is the spec's located error, not deltagen's fault.
 */
class HostilePipelineInputTest {
  private static final TrainerPipeline PIPELINE = new TrainerPipeline(new Deriver());
  private static final String SPEC = "network Net\npackage org.example\ninput 2\nlayer 2 tanh\nlayer 1 f(u) = u/(1+Abs(u))\nloss sse\n";
  /**
   * A unicode escape javac would expand (a backslash preceded by an even run of backslashes, then
   * u), with its four digits. The generator escapes non-ASCII letters of its own string literals
   * (η, …) this way, which javac reads back as the same letter; only an escape of an ASCII
   * character could turn into syntax (a quote, a comment's end), so only those are refused.
   */
  private static final Pattern UNICODE_ESCAPE = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\u+(\\p{XDigit}{4})?");

  /** Each would close the comment it is quoted in and declare a class that shadows java.lang.Math. */
  private static final String[] NAMES = {
    "\\u002a\\u002f class Math{static{java.lang.System.exit(43);}}\\u002f\\u002a\\u002a.nn",
    "\\\\u002a\\u002f static{java.lang.System.exit(44);} \\u002f\\u002a\\u002a.nn",
    "*/ class Math { static { System.exit(42); } } /**.nn",
    "a\nclass Math { static { System.exit(45); } } //.nn",
    "a\rclass Math { static { System.exit(46); } } //.nn",
    "a\u2028b\u202Ec\u0000d.nn",
    "(eq. 999) and (eq. 0).nn",
    "\"; System.exit(47); //\".nn",
  };

  private static TrainerPipeline.Output generate(String specName, String parametersName) throws SpecException {
    NetworkSpec spec = parametersName == null ? SpecParser.parse(specName, SPEC)
        : SpecParser.parse(specName, SPEC, new Initializer.Explicit(new double[9], parametersName),
            new SourceLocation(parametersName, 1, 1));
    return PIPELINE.run(spec, false);
  }

  private static void assertSafe(TrainerPipeline.Output output) {
    String source = output.source().toString();
    assertFalse(UNICODE_ESCAPE.matcher(source).results()
            .anyMatch(escape -> escape.group(1) == null || Integer.parseInt(escape.group(1), 16) < 0x80),
        () -> "a unicode escape javac would expand into syntax:\n" + source);
    // Had a name closed its comment, javac would have compiled its class Math too (or failed).
    Set<String> classes = InMemoryCompiler.compile(Map.of("org.example.Net", source)).classFiles().keySet();
    assertTrue(classes.contains("org.example.Net"), classes::toString);
    assertTrue(classes.stream().allMatch(c -> c.equals("org.example.Net") || c.startsWith("org.example.Net$")),
        () -> "a class besides the trainer and its nested ones: " + classes);
  }

  @Test
  void specFileNamesCannotInjectCode() throws SpecException {
    for (String name : NAMES) {
      assertSafe(generate(name, null));
    }
  }

  @Test
  void parameterFileNamesCannotInjectCode() throws SpecException {
    for (String name : NAMES) {
      assertSafe(generate("net.nn", name.replace(".nn", ".params")));
    }
  }

  @Test
  void theNameStaysReadableInTheHeader() throws SpecException {
    String source = generate("my*/net.nn", null).source().toString();

    assertTrue(source.contains("from my* /net.nn. Do not edit"), source.substring(0, 300));
  }

  @Test
  void aNetworkWhosePassesOutgrowAJavaMethodIsALocatedDg019() {
    String deep = "network Deep\ninput 7\n" + "layer 7 gelu\n".repeat(32) + "layer 1 sigmoid\nloss sse\n";
    SpecException e = assertThrows(SpecException.class, () -> PIPELINE.run(SpecParser.parse("deep.nn", deep), true));

    Diagnostic problem = e.diagnostics().get(0);
    assertEquals(ErrorCode.DG019, problem.code());
    assertEquals(new SourceLocation("deep.nn", 35, 1), problem.location());
    assertTrue(problem.message().contains("64 KB"), problem.message());
  }

  @Test
  void aFormulaUndefinedBeyondTheDomainChecksRangeIsTheSpecsDg032AtTheCheck() {
    // Sqrt(17 - u²) is finite on [−4.01, 4.01], where DomainCheck samples u; 60 inputs take u further.
    String wide = "network Wide\ninput 60\nlayer 8 f(u) = Sqrt(17 - u^2)\nlayer 1 sigmoid\nloss sse\n";
    SpecException e = assertThrows(SpecException.class, () -> PIPELINE.run(SpecParser.parse("wide.nn", wide), true));

    Diagnostic problem = e.diagnostics().get(0);
    assertEquals(ErrorCode.DG032, problem.code());
    assertEquals(new SourceLocation("wide.nn", 3, 16), problem.location());
    assertTrue(problem.message().contains("is NaN by backward"), problem.message());
  }
}
