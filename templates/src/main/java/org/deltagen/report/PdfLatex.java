package org.deltagen.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Compiles a report with pdflatex in a scratch directory (twice, so equation references resolve)
 * and reads its log: errors, and the overfull boxes that mean something sticks into the margin.
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

  /** Writes {@code bytes} to {@code target} through a temporary file, so a reader never sees half a PDF. */
  public static void write(byte[] bytes, Path target) throws IOException {
    Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), ".deltagen", ".pdf");
    Files.write(temporary, bytes);
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
