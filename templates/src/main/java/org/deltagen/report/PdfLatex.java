package org.deltagen.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/**
 * Compiles a report with pdflatex in a scratch directory (twice, so equation references resolve)
 * and reads its log: errors, and the overfull boxes that mean something sticks into the margin.
 * Every entry point makes its PDFs with {@link #pdf}, so a missing pdflatex, a report that does not
 * compile and an overfull box read the same from the command line and from Maven.
 */
public final class PdfLatex {
  private static final long TIMEOUT_SECONDS = 120;

  private PdfLatex() {}

  /** What pdflatex made and said. */
  public record Result(byte[] pdf, List<String> errors, List<String> overfullBoxes) {
    public boolean clean() {
      return pdf != null && errors.isEmpty() && overfullBoxes.isEmpty();
    }
  }

  /** A report that pdflatex cannot compile from deltagen's own template: a fault of deltagen's. */
  public static final class CompileException extends Exception {
    private static final long serialVersionUID = 1L;

    CompileException(String message) {
      super(message);
    }
  }

  /** What to say when PDFs are asked for and pdflatex is missing: {@code instead} is what the user gets. */
  public static String notFound(String instead) {
    return "pdflatex was not found, so " + instead + "; install TeX Live"
        + " (Debian: texlive-latex-base texlive-latex-recommended) for PDFs";
  }

  /**
   * The PDF of the report {@code name}. LaTeX that does not compile is the user's DG051 when their
   * template ({@code templates}, null for deltagen's) rendered it, else a {@link CompileException};
   * overfull boxes make one warning, given to {@code warnings}, since the PDF is still readable.
   */
  public static byte[] pdf(String name, String tex, Path templates, Consumer<String> warnings)
      throws IOException, SpecException, CompileException {
    Result compiled;
    try {
      compiled = compile(name, tex);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running pdflatex on " + name + ".tex", e);
    }
    if (compiled.pdf() == null || !compiled.errors().isEmpty()) {
      String why = compiled.errors().isEmpty() ? "it made no PDF" : String.join(" ", compiled.errors());
      if (templates != null) {
        throw templateFails(templates, why);
      }
      throw new CompileException("pdflatex could not compile the report of " + name + ": " + why);
    }
    if (!compiled.overfullBoxes().isEmpty()) {
      warnings.accept(name + ".pdf has " + compiled.overfullBoxes().size() + " overfull "
          + (compiled.overfullBoxes().size() == 1 ? "box" : "boxes") + ", where text sticks into the margin: "
          + compiled.overfullBoxes().get(0));
    }
    return compiled.pdf();
  }

  private static SpecException templateFails(Path templates, String why) {
    return new SpecException(Diagnostic.of(ErrorCode.DG051,
            new SourceLocation(ReportRenderer.templateFile(templates).toString(), 0, 0),
            "report template renders LaTeX that pdflatex cannot compile: " + why)
        .withHint("check the template's LaTeX; deltagen's own report.tex.ftl compiles"));
  }

  /** True when a pdflatex command runs on this machine. */
  public static boolean available() {
    try {
      Process process = new ProcessBuilder("pdflatex", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Compiles {@code tex}, named {@code name}.tex, and returns the PDF's bytes and the log's findings. */
  public static Result compile(String name, String tex) throws IOException, InterruptedException {
    Path scratch = Files.createTempDirectory("deltagen-latex");
    try {
      Files.writeString(scratch.resolve(name + ".tex"), tex, StandardCharsets.UTF_8);
      boolean succeeded = run(scratch, name) && run(scratch, name);
      String log = Files.readString(scratch.resolve(name + ".log"), StandardCharsets.ISO_8859_1);
      Path pdf = scratch.resolve(name + ".pdf");
      byte[] bytes = succeeded && Files.exists(pdf) ? Files.readAllBytes(pdf) : null;
      return new Result(bytes, lines(log, "!"), lines(log, "Overfull \\hbox", "Overfull \\vbox"));
    } finally {
      deleteRecursively(scratch);
    }
  }

  private static boolean run(Path directory, String name) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error", name + ".tex")
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("pdflatex took longer than " + TIMEOUT_SECONDS + " s on " + name + ".tex");
    }
    return process.exitValue() == 0;
  }

  private static List<String> lines(String log, String... prefixes) {
    List<String> found = new ArrayList<>();
    for (String line : log.split("\\R")) {
      for (String prefix : prefixes) {
        if (line.startsWith(prefix)) {
          found.add(line);
        }
      }
    }
    return found;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
