package org.deltagen.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.codegen.Version;
import org.deltagen.derive.Deriver;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.parse.ParameterFile;
import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.api.Test;

/**
 * The shape of seed 000's report, as the demo writes it: a change to how the derivation reads
 * shows in this file's diff. Refresh it with {@code mvn -pl templates -am test
 * -Dtest=GoldenReportTest -Dsurefire.failIfNoSpecifiedTests=false -Ddeltagen.refreshGolden=true}.
 */
class GoldenReportTest {
  private static final Path GOLDEN = Path.of("src/test/resources/org/deltagen/report/golden/Xor.tex.golden");
  private static final Path DEMO = Path.of("../cli/src/main/resources/org/deltagen/cli");

  @Test
  void xorReportReadsAsRecorded() throws Exception {
    var spec = SpecParser.parse("xor.nn", Files.readString(DEMO.resolve("xor.nn")),
        ParameterFile.parse("xor.params", Files.readString(DEMO.resolve("xor.params"))),
        new SourceLocation("xor.params", 1, 1));
    String tex = TrainerReport.render(new TrainerPipeline(new Deriver()).run(spec, true), null)
        .replace(Version.get(), "VERSION");
    if (Boolean.getBoolean("deltagen.refreshGolden")) {
      Files.writeString(GOLDEN, tex, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), tex, "the XOR report");
  }
}
