package org.deltagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deltagen.report.PdfLatex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input a hostile or careless user gives (issue 13): every case is one located, coded line on
 * standard error, exit 1, no stack trace, and nothing written.
 */
class BadInputTest {
  private static final String NET =
      "network Net\npackage org.example\ninput 2\nlayer 2 tanh\nlayer 1 identity\nloss sse\n";

  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(strings = {"generate", "report", "demo"})
  void anOutputDirectoryThatIsAFileIsRefused(String command) throws IOException {
    Path file = Files.writeString(temp.resolve("taken"), "someone's file\n");
    String[] args = args(command, "-o", file.toString());
    List<String> before = CliRun.tree(temp);
    CliRun run = CliRun.of(args);
    run.assertOneProblem("DG050 " + file + ": is a file, not a directory");
    assertEquals(before, CliRun.tree(temp), "nothing written, the file untouched");
  }

  @Test
  void anOutputDirectoryBelowAFileIsRefusedAtThatFile() throws IOException {
    Path file = Files.writeString(temp.resolve("taken"), "someone's file\n");
    String[] args = args("generate", "-o", file.resolve("sub").toString());
    List<String> before = CliRun.tree(temp);
    CliRun.of(args).assertOneProblem("DG050 " + file + ": ");
    assertEquals(before, CliRun.tree(temp));
  }

  /**
   * A read-only directory; run as root, which may write into one, /sys stands in: the kernel
   * refuses to make directories there whatever the permissions say, so the failure comes halfway.
   */
  @Test
  void anUnwritableOutputDirectoryIsRefused() throws IOException {
    Path readOnly = Files.createDirectory(temp.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    Path output = readOnly.resolve("out");
    if (Files.isWritable(readOnly)) {
      assumeTrue(Files.isDirectory(Path.of("/sys")), "neither a read-only directory nor /sys to try");
      output = Path.of("/sys/deltagen-test-" + ProcessHandle.current().pid());
    }
    String[] args = args("generate", "-o", output.toString());
    List<String> before = CliRun.tree(temp);
    CliRun run = CliRun.of(args);
    assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().matches("DG050 " + Pattern.quote(output.toString()) + "(/org/example/Net\\.java)?: "
        + "(is not writable|cannot be written: .*)\\R"), run.err());
    run.assertNoStackTrace();
    assertFalse(Files.exists(output), "no directory made");
    assertEquals(before, CliRun.tree(temp));
  }

  @Test
  void aDirectoryWhereTheTrainerMustGoIsRefused() throws IOException {
    Path output = temp.resolve("out");
    Path target = Files.createDirectories(output.resolve("org/example/Net.java"));
    String[] args = args("generate", "-o", output.toString());
    List<String> before = CliRun.tree(temp);
    CliRun.of(args).assertOneProblem("DG050 " + target + ": is a directory");
    assertEquals(before, CliRun.tree(temp));
  }

  /** Folders made on the way are removed again when a path further down cannot be made. */
  @Test
  void aWriteFailingHalfwayLeavesNoFoldersBehind() throws IOException {
    Path output = temp;
    while (output.toString().length() < 4200) {
      output = output.resolve("d".repeat(200));
    }
    String[] args = args("generate", "-o", output.toString());
    List<String> before = CliRun.tree(temp);
    CliRun run = CliRun.of(args);
    assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().startsWith("DG050 " + temp), run.err());
    assertTrue(run.err().contains("cannot be written: File name too long"), run.err());
    run.assertNoStackTrace();
    assertEquals(before, CliRun.tree(temp), "the folders made before the failure are gone");
  }

  /**
   * The issue's case: a 300-character name left out/org/example/ behind. Whichever rule refuses
   * it, the name's or the file system's, the line is located and the tree stays empty.
   */
  @Test
  void aThreeHundredCharacterNameLeavesNothingBehind() throws IOException {
    Path spec = Files.writeString(temp.resolve("long.nn"), NET.replace("network Net", "network N" + "a".repeat(299)));
    Path output = temp.resolve("out");
    CliRun run = CliRun.of("generate", spec.toString(), "-o", output.toString());
    assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    String path = Pattern.quote(output.resolve("org/example/N" + "a".repeat(299) + ".java").toString());
    assertTrue(run.err().matches("DG0\\d\\d (long\\.nn:1:9|" + path + "): .*\\R"), run.err());
    run.assertNoStackTrace();
    assertFalse(Files.exists(output), "out/org/example/ must not be left behind");
  }

  @Test
  void aMissingTemplateDirectoryIsRefused() throws IOException {
    Path templates = temp.resolve("no-such-templates");
    assertReportRefused(templates,
        "DG009 " + templates + ": cannot read the report template: no such directory");
  }

  @Test
  void aTemplateDirectoryWithoutTheTemplateIsRefused() throws IOException {
    Path templates = Files.createDirectory(temp.resolve("templates"));
    assertReportRefused(templates,
        "DG009 " + templates.resolve("report.tex.ftl") + ": cannot read the report template");
  }

  static Stream<Arguments> brokenTemplates() {
    return Stream.of(
        Arguments.of("\\documentclass{article}\n[#if ]\n", ":2:6: report template does not parse: "),
        Arguments.of("\\documentclass{article}\n  [=model.nonexistent]\n",
            ":2:5: report template 'model.nonexistent' is not a value of the model"),
        // A template formats the model; it cannot run a program.
        Arguments.of("[#assign run = \"freemarker.template.utility.Execute\"?new()][=run(\"id\")]\n", ":1:"));
  }

  /** A template that does not parse, names a value the model lacks, or reaches for Java. */
  @ParameterizedTest
  @MethodSource("brokenTemplates")
  void aBrokenTemplateIsLocatedInIt(String text, String expected) throws IOException {
    Path template = template(text);
    assertReportRefused(template.getParent(), "DG051 " + template + expected);
  }

  @Test
  void aTemplateWhoseLatexDoesNotCompileIsRefused() throws IOException {
    assumeTrue(PdfLatex.available(), "pdflatex is not installed");
    Path template = template("\\documentclass{article}\n\\begin{document}\\undefinedmacro [=model.network]\\end{document}\n");
    assertReportRefused(template.getParent(),
        "DG051 " + template + ": report template renders LaTeX that pdflatex cannot compile: ", "--pdf");
  }

  /**
   * A network that passes DG019's count but not the heap: 4 million parameters in a JVM of 64 MB,
   * which is how 3·10⁸ parameters meet a default heap, in a tenth of the time.
   */
  @Test
  void aNetworkTooLargeForTheHeapIsTheSpecsProblem() throws IOException, InterruptedException {
    Path spec = Files.writeString(temp.resolve("big.nn"),
        "network Big\ninput 2000\nlayer 2000 tanh\nlayer 10 identity\nloss mse\n");
    Path output = temp.resolve("out");
    Path log = temp.resolve("fork.log");
    Process fork = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "generate", spec.toString(), "-o", output.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!fork.waitFor(60, TimeUnit.SECONDS)) {
      fork.destroyForcibly();
      throw new AssertionError("the forked deltagen took over 60 s: " + Files.readString(log));
    }
    // A network this large has its stages said as they start (SpecCommand.largeNetwork); the problem follows.
    String printed = Files.readString(log);
    assertTrue(printed.startsWith("deltagen: Big: deriving (4,022,010 parameters)…"), printed);
    CliRun run = new CliRun(fork.exitValue(), "", printed.replaceAll("(?m)^deltagen: Big: .*\\R", ""));
    run.assertOneProblem("DG019 big.nn:");
    assertTrue(run.err().matches("DG019 big\\.nn:\\d+:\\d+: the network is too large for the heap: .*\\R"),
        run.err());
    assertFalse(Files.exists(output));
  }

  /** The iris data given as a spec: the first 20 problems, then one line counting the rest. */
  @Test
  void aCsvFileGivenAsASpecIsSummarizedAfterTwentyProblems() throws IOException {
    StringBuilder csv = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width,species\n");
    for (int row = 0; row < 1800; row++) {
      csv.append("5.1,3.5,1.4,0.").append(row % 10).append(",Iris-setosa\n");
    }
    Path data = Files.writeString(temp.resolve("data.csv"), csv);
    CliRun run = CliRun.of("check", data.toString());
    assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
    List<String> lines = run.errLines();
    assertEquals(21, lines.size(), run.err());
    lines.subList(0, 20).forEach(line -> assertTrue(line.matches("DG0\\d\\d data\\.csv:\\d+:\\d+: .*"), line));
    Matcher summary = Pattern.compile("\\.\\.\\. and ([\\d,]+) more problems in data\\.csv").matcher(lines.get(20));
    assertTrue(summary.matches(), lines.get(20));
    assertTrue(Integer.parseInt(summary.group(1).replace(",", "")) >= 1801 - 20, lines.get(20));
    run.assertNoStackTrace();
  }

  /** Text that is valid UTF-8 but no spec, full of control characters, prints as at most 21 visible lines. */
  @Test
  void garbageGivenAsASpecPrintsFewVisibleLines() throws IOException {
    StringBuilder garbage = new StringBuilder();
    java.util.Random random = new java.util.Random(13);
    for (int i = 0; i < 200_000; i++) {
      garbage.appendCodePoint(random.nextInt(10) == 0 ? '\n' : random.nextInt(0x3000));
    }
    Path file = Files.write(temp.resolve("garbage.bin"), garbage.toString().getBytes(StandardCharsets.UTF_8));
    CliRun run = CliRun.of("check", file.toString());
    assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
    List<String> lines = run.errLines();
    assertTrue(lines.size() <= 21, lines.size() + " lines");
    assertTrue(lines.get(lines.size() - 1).matches("\\.\\.\\. and [\\d,]+ more problems in garbage\\.bin"),
        lines.get(lines.size() - 1));
    for (String line : lines) {
      assertTrue(line.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT),
          "control characters are escaped: " + line);
    }
    run.assertNoStackTrace();
  }

  @Test
  void aMegabyteTokenIsQuotedShortened() throws IOException {
    Path spec = Files.writeString(temp.resolve("token.nn"), NET.replace("input 2\n", "input 2\n" + "x".repeat(1 << 20) + "\n"));
    CliRun run = CliRun.of("check", spec.toString());
    run.assertOneProblem("DG001 token.nn:4:1: unknown statement '" + "x".repeat(40) + "…'");
    assertTrue(run.err().length() < 400, run.err().length() + " characters");
  }

  @Test
  void invisibleCharactersInQuotedTextAreEscaped() throws IOException {
    Path spec = Files.writeString(temp.resolve("bidi.nn"), NET + "lo\u202Ess\u200B\u0007 sse\n");
    CliRun.of("check", spec.toString()).assertOneProblem("DG001 bidi.nn:7:1: unknown statement 'lo<U+202E>ss<U+200B><U+0007>'");
  }

  @Test
  void aCommandLineThatDoesNotParseExitsWithTwoAsHelpSays() {
    CliRun run = CliRun.of("generate");
    assertEquals(Main.USAGE, run.exitCode(), run.err());
    assertEquals(2, Main.USAGE);
    assertTrue(run.err().startsWith("Missing required parameter: 'SPEC'"), run.err());
    for (String command : List.of("generate", "report")) {
      String help = CliRun.of(command, "--help").out();
      assertTrue(help.contains("Exit codes:") && help.contains("  2   the command line itself is wrong"), help);
    }
  }

  private Path template(String text) throws IOException {
    return Files.writeString(Files.createDirectories(temp.resolve("templates")).resolve("report.tex.ftl"), text);
  }

  /** {@code report} with {@code templates} and {@code options}: one problem, {@code expected}, and nothing written. */
  private void assertReportRefused(Path templates, String expected, String... options) throws IOException {
    List<String> more = new ArrayList<>(List.of("--templates", templates.toString()));
    more.addAll(List.of(options));
    CliRun.of(report(more.toArray(String[]::new))).assertOneProblem(expected);
    assertFalse(Files.exists(temp.resolve("out")), "nothing written");
  }

  private String[] report(String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of(args("report", "-o", temp.resolve("out").toString())));
    args.addAll(List.of(options));
    return args.toArray(String[]::new);
  }

  /** {@code command} on NET (the demo takes no spec) with {@code options}. */
  private String[] args(String command, String... options) throws IOException {
    List<String> args = new ArrayList<>(List.of(command));
    if (!command.equals("demo")) {
      args.add(Files.writeString(temp.resolve("net.nn"), NET).toString());
    }
    args.addAll(List.of(options));
    return args.toArray(String[]::new);
  }
}
