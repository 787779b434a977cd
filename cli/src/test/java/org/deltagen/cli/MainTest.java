package org.deltagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltagen.report.PdfLatex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
  private static final double[] SEED_NUMPY = {
    0.02474187240430439, 0.4992150973152715, 0.9696557937717554, 0.5018547055706005
  };

  @TempDir Path temp;

  @Test
  void demoReproducesTheSeedTable() throws IOException {
    Path output = temp.resolve("demo");
    CliRun run = CliRun.of("demo", "-o", output.toString());
    run.assertSucceeded();
    Matcher rows =
        Pattern.compile("(?m)^(\\d)\\s+(\\d)\\s+(\\d) \\| (\\S+)\\s+\\| (\\S+)\\s+\\| (\\S+)\\s+\\| (\\S+)\\s+\\|")
            .matcher(run.out());
    List<String> rounded = List.of("0.025", "0.499", "0.97", "0.502");
    for (int s = 0; s < 4; s++) {
      assertTrue(rows.find(), "row " + s + " missing from\n" + run.out());
      assertEquals(rounded.get(s), rows.group(4), "the seed's printed value");
      assertEquals(rounded.get(s), rows.group(5), "ours, rounded as numpy rounds");
      double ours = Double.parseDouble(rows.group(6));
      assertEquals(SEED_NUMPY[s], ours, 1e-9, "ours at full precision vs the seed's numpy run");
    }
    assertTrue(run.out().contains("gradient check passed"), run.out());
    assertTrue(run.out().contains("E 2 → 0.72, w 1 → 1.4"), run.out());
    assertTrue(Files.isRegularFile(output.resolve("com/example/xor/Xor.java")));
    assertTrue(Files.isRegularFile(output.resolve("xor.nn")));
    assertTrue(Files.readString(output.resolve("Xor.tex")).contains("\\label{eq:delta-output}"), "the XOR report");
  }

  @Test
  void generateWritesTheTrainerAfterCheckingIt() throws IOException {
    Path spec = write("net.nn", "network Net\npackage org.example\ninput 3\nlayer 4 tanh\nlayer 2 identity\nloss mse\n");
    Path output = temp.resolve("out");
    CliRun run = CliRun.of("generate", spec.toString(), "-o", output.toString());
    run.assertSucceeded();
    Path written = output.resolve("org/example/Net.java");
    assertTrue(Files.readString(written).contains("public final class Net"));
    assertTrue(run.out().contains("gradient check passed"), run.out());
  }

  /** A large network's generate says what it is doing before the long wait, and how long it took. */
  @Test
  void generateAnnouncesALargeNetwork() throws IOException {
    Path spec = write("net.nn", "network Net\npackage org.example\ninput 3\nlayer 4 tanh\nlayer 2 identity\nloss mse\n");
    int large = SpecCommand.largeNetwork;
    SpecCommand.largeNetwork = 26;
    try {
      CliRun run = CliRun.of("generate", spec.toString(), "-o", temp.resolve("out").toString());
      run.assertSucceeded();
      assertEquals(List.of("deltagen: Net: deriving (26 parameters)…", "deltagen: Net: generating the trainer…",
          "deltagen: Net: compiling it…", "deltagen: Net: checking its gradients…",
          "deltagen: Net's trainer is ready after"), run.errLines().stream()
          .map(line -> line.replaceAll(" [0-9.]+ s$", "")).toList());
    } finally {
      SpecCommand.largeNetwork = large;
    }
    CliRun quiet = CliRun.of("generate", spec.toString(), "-o", temp.resolve("again").toString());
    assertEquals("", quiet.err(), "a small network is generated without a word on standard error");
  }

  /** The README's residual example: generated, checked, and reported with the skip's terms. */
  @Test
  void theResidualExampleGeneratesAndReports() throws IOException {
    Example residual = Example.run(temp, "residual", "com/example/residual/Residual");
    assertTrue(residual.generated().contains("gradient check passed"), residual.generated());
    assertTrue(residual.trainer().contains("z4[j] += z1[j];"), "the forward pass adds z^1 to layer 4");
    assertTrue(residual.trainer().contains("dEdz2"), "∂E/∂z^2 has a buffer of its own");
    assertTrue(residual.tex().contains("\\label{eq:skip-4}") && residual.tex().contains("With the skips"),
        "the skips in the report");
  }

  /** The README's normalized example: β, γ laid out after the weights, the three paths in the report. */
  @Test
  void theNormalizedExampleGeneratesAndReports() throws IOException {
    Example normalized = Example.run(temp, "normalized", "com/example/normalized/Normalized");
    assertTrue(normalized.generated().contains("gradient check passed: 172 parameters"), normalized.generated());
    assertTrue(normalized.trainer().contains("private static final int NORM2 = 128;"),
        "W^1, β^1, γ^1, then the weights of layer 2 and β^2");
    assertTrue(normalized.trainer().contains("for (int group = 0; group < 2; group++) {"), "layer 2's two groups");
    assertTrue(normalized.tex().contains("\\label{eq:norm-delta-1}")
        && normalized.tex().contains("\\label{eq:norm-gradient-2}"), "the norms in the report");
  }

  /**
   * The batch-normalized example: checked over a batch, the statistics over the slots, the
   * running ones moved by step, and the report's sum over the samples.
   */
  @Test
  void theBatchNormalizedExampleGeneratesAndReports() throws IOException {
    Example batch = Example.run(temp, "batch-normalized", "com/example/batchnormalized/BatchNormalized");
    assertTrue(batch.generated().contains("gradient check passed: 400 of 467 parameters"), batch.generated());
    assertTrue(batch.trainer().contains("private static final double MOMENTUM2 = 0.2;"), "layer 2's momentum");
    assertTrue(batch.trainer().contains("updateRunningStatistics(count);"), "step moves the running statistics");
    assertTrue(batch.tex().contains("\\label{eq:norm-delta-2}") && batch.tex().contains("u^{(2)}_j[r]"),
        "the report sums over the batch's samples r");
  }

  /** The README's dropout example: the masks forward and backward, the dropout steps in the report. */
  @Test
  void theDropoutExampleGeneratesAndReports() throws IOException {
    Example dropout = Example.run(temp, "dropout", "com/example/dropout/Dropout");
    assertTrue(dropout.generated().contains("gradient check passed"), dropout.generated());
    assertTrue(dropout.trainer().contains("z1[j] *= mask1[j];"), "the forward pass drops units of layer 1");
    assertTrue(dropout.trainer().contains("public double trainingLoss(double[] x, double[] d)"),
        "E in training mode, for the gradient check");
    assertTrue(dropout.tex().contains("\\label{eq:dropout-1}") && dropout.tex().contains("\\label{eq:dropout-2}"),
        "the dropouts in the report");
  }

  /** An example of docs/examples run through generate and report: what each printed and wrote. */
  private record Example(String generated, String trainer, String tex) {
    static Example run(Path temp, String name, String classPath) throws IOException {
      Path spec = Path.of("../docs/examples/" + name + ".nn");
      Path output = temp.resolve(name);
      CliRun generate = CliRun.of("generate", spec.toString(), "-o", output.toString());
      generate.assertSucceeded();
      CliRun report = CliRun.of("report", spec.toString(), "-o", output.toString(), "--no-pdf");
      report.assertSucceeded();
      String simpleName = classPath.substring(classPath.lastIndexOf('/') + 1);
      return new Example(generate.out(), Files.readString(output.resolve(classPath + ".java")),
          Files.readString(output.resolve(simpleName + ".tex")));
    }
  }

  @Test
  void aBadSpecPrintsOneLinePerErrorAndWritesNothing() throws IOException {
    Path spec = write("bad.nn", "network Bad\ninput 2\nlayer 2 sigmod\nlayer 1 sigmoid\nloss (y - d\n");
    Path output = temp.resolve("never");
    CliRun run = CliRun.of("generate", spec.toString(), "-o", output.toString());
    assertEquals(Main.BAD_INPUT, run.exitCode());
    List<String> lines = run.err().lines().toList();
    assertEquals(2, lines.size(), run.err());
    assertTrue(lines.get(0).startsWith("DG010 bad.nn:3:9: unknown activation 'sigmod'"), lines.get(0));
    assertTrue(lines.get(1).startsWith("DG011 bad.nn:5:"), lines.get(1));
    assertFalse(Files.exists(output), "no output directory may be created for a bad spec");
    assertEquals("", run.out());
  }

  @Test
  void aMissingSpecIsACodedError() {
    CliRun run = CliRun.of("check", temp.resolve("missing.nn").toString());
    assertEquals(Main.BAD_INPUT, run.exitCode());
    assertTrue(run.err().startsWith("DG009 "), run.err());
    assertTrue(run.err().contains("missing.nn: cannot read the file: no such file"), run.err());
  }

  @Test
  void checkPrintsTheDerivationAndTheCheck() throws IOException {
    Path spec = write("relu.nn", "network Relu\ninput 2\nlayer 3 relu\nlayer 1 sigmoid\nloss half-sse\n");
    String out = CliRun.of("check", spec.toString()).assertSucceeded();
    CliRun.assertContains(out, "(eq. 1) u^l_j", "δ^1_j = Σ_k δ^2_k", "gradient check passed");
  }

  @Test
  void parametersFromAFileAreUsedAndCounted() throws IOException {
    Path spec = write("one.nn", "network One\ninput 1\nlayer 1 identity bias=false\nloss half-sse\n");
    Path tooMany = write("one.params", "1\n2\n");
    CliRun run = CliRun.of("generate", spec.toString(), "-p", tooMany.toString(), "-o", temp.resolve("o").toString());
    assertEquals(Main.BAD_INPUT, run.exitCode());
    assertTrue(run.err().startsWith("DG020 one.params:1:1: network One has 1 parameters, but"), run.err());
  }

  @Test
  void verifyProvesASmallDerivationAgainstBruteForce() throws IOException {
    Path spec = write("small.nn", "network Small\ninput 2\nlayer 3 gelu\nlayer 2 softmax\nloss cross-entropy\n");
    String out = CliRun.of("verify", spec.toString()).assertSucceeded();
    assertTrue(out.startsWith("brute-force proof passed: 17 parameters × 5 points"), out);
  }

  @Test
  void verifyRefusesNetworksTooLargeToExpand() throws IOException {
    Path spec = write("big.nn", "network Big\ninput 10\nlayer 10 tanh\nloss sse\n");
    CliRun run = CliRun.of("verify", spec.toString());
    assertEquals(Main.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("Big has 110 parameters"), run.err());
  }

  @Test
  void reportWritesTheTexAndWithPdflatexThePdf() throws IOException {
    Path spec = write("bce.nn", "network Bce\ninput 2\nlayer 3 tanh\nlayer 1 sigmoid\nloss binary-cross-entropy\n");
    Path output = temp.resolve("report");
    CliRun run = CliRun.of("report", spec.toString(), "-o", output.toString());
    run.assertSucceeded();
    String tex = Files.readString(output.resolve("Bce.tex"));
    assertTrue(tex.contains("\\label{eq:cancellation}"), "the fused loss's cancellation");
    assertTrue(tex.contains("Brute-force proof passed"), "the proof ran for this small net");
    if (org.deltagen.report.PdfLatex.available()) {
      byte[] pdf = Files.readAllBytes(output.resolve("Bce.pdf"));
      assertEquals("%PDF", new String(pdf, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    } else {
      assertTrue(run.out().contains("pdflatex was not found"), run.out());
    }
  }

  @Test
  void reportWithNoPdfWritesTheTexAlone() throws IOException {
    Path spec = write("bce.nn", "network Bce\ninput 2\nlayer 3 tanh\nlayer 1 sigmoid\nloss binary-cross-entropy\n");
    Path output = temp.resolve("report");
    CliRun run = CliRun.of("report", spec.toString(), "-o", output.toString(), "--no-pdf");
    run.assertSucceeded();
    assertEquals(List.of("/", "Bce.tex"), CliRun.tree(output).stream().map(e -> e.replaceFirst(" .*", "")).toList());
    assertFalse(run.out().contains("pdflatex"), run.out());
  }

  /** The command line checks a PDF for overfull boxes as the plugin does, and still writes it. */
  @Test
  void reportWarnsOfOverfullBoxesInThePdf() throws IOException {
    assumeTrue(PdfLatex.available(), "pdflatex is not installed");
    Path spec = write("net.nn", "network Net\ninput 1\nlayer 1 identity\nloss sse\n");
    Path templates = Files.createDirectory(temp.resolve("templates"));
    Files.writeString(templates.resolve("report.tex.ftl"),
        "\\documentclass{article}\\begin{document}\\hbox to 1cm{[=model.network] is too wide}\\end{document}\n");
    Path output = temp.resolve("report");
    CliRun run = CliRun.of("report", spec.toString(), "-o", output.toString(), "--pdf", "--templates", templates.toString());
    run.assertSucceeded();
    assertTrue(run.out().contains("warning: Net.pdf has 1 overfull box, where text sticks into the margin: "), run.out());
    assertTrue(Files.exists(output.resolve("Net.pdf")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "generate", "check", "verify", "report"})
  void everyCommandHasHelp(String command) {
    CliRun run = CliRun.of(command, "--help");
    run.assertSucceeded();
    assertTrue(run.out().startsWith("Usage: deltagen " + command), run.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "generate", "check", "verify", "report"})
  void everyCommandPrintsTheVersion(String command) {
    CliRun run = CliRun.of(command, "--version");
    run.assertSucceeded();
    assertTrue(run.out().startsWith("deltagen "), run.out());
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(temp.resolve(name), text);
  }
}
