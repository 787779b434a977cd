package org.deltagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** One in-process run of the command line: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Exit 0; returns what the run printed on standard output. */
  String assertSucceeded() {
    assertEquals(0, exitCode, err);
    return out;
  }

  /** Asserts that {@code text} contains every one of {@code parts}, showing it when one is missing. */
  static void assertContains(String text, String... parts) {
    for (String part : parts) {
      assertTrue(text.contains(part), "no '" + part + "' in\n" + text);
    }
  }

  List<String> errLines() {
    return err.lines().toList();
  }

  /** Exit 1 with exactly one problem, which starts with {@code prefix}, and no stack trace. */
  void assertOneProblem(String prefix) {
    assertEquals(Main.BAD_INPUT, exitCode, err);
    assertEquals(1, errLines().size(), "exactly one line: " + err);
    assertTrue(err.startsWith(prefix), "expected '" + prefix + "…' but got " + err);
    assertNoStackTrace();
  }

  void assertNoStackTrace() {
    assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("internal error"), err);
  }

  /**
   * Every path below {@code root}, files with their size and modification time, to show that
   * nothing was left behind or changed (a folder's own time changes when an entry comes and goes).
   */
  static List<String> tree(Path root) {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.map(p -> root.relativize(p) + (Files.isRegularFile(p) ? " " + p.toFile().length() + " bytes, "
          + p.toFile().lastModified() : "/")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
