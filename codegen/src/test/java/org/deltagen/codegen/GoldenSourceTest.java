package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltagen.network.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shape of three generated trainers, one per loop layout: XOR (unrolled), Iris (looped) and
 * 784-128-10 (slots). Behaviour is the other tests' business; these files are here to be read, so
 * that a change to how the code reads shows in its diff. Refresh them with
 * {@code mvn -pl codegen -am test -Dtest=GoldenSourceTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Ddeltagen.refreshGolden=true}.
 */
class GoldenSourceTest {
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

}
