package org.deltagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deltagen.network.ErrorCode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every code of the error catalogue, produced through the command line from a spec that breaks
 * exactly its rule, with the file, line and column it must name. A new code without a case here
 * fails this test.
 */
class ErrorCatalogueTest {
  private static final List<String> BASE =
      List.of("network Net", "input 2", "layer 3 tanh", "layer 2 sigmoid", "loss sse");

  /**
   * A broken input: line edits on BASE ("N:text" replaces line N, "+text" appends, "-N" deletes),
   * or BASE run through {@code command} with {@code options} and the fixture {@code files}; "{temp}"
   * in the location, options and file names is the test's directory.
   */
  private record Case(String location, List<String> edits, String command, List<String> options,
      Map<String, String> files) {
    Case(String location, List<String> edits) {
      this(location, edits, "check", List.of(), Map.of());
    }
  }

  private static final Map<ErrorCode, Case> CASES = cases();

  private static Map<ErrorCode, Case> cases() {
    Map<ErrorCode, Case> cases = new EnumMap<>(ErrorCode.class);
    // A code, the location of its one problem, then the edits on BASE, one cell each.
    """
        DG001 | net.nn:3:1     | 3:lyer 3 tanh
        DG002 | net.nn:1:1     | -5
        DG003 | net.nn:6:1     | +input 3
        DG004 | net.nn:1:9     | 1:network class
        DG005 | net.nn:6:9     | +package com.example.class
        DG006 | net.nn:2:7     | 2:input 0
        DG007 | net.nn:2:9     | 2:input 2 3
        DG008 | net.nn:2:6     | 2:input
        DG009 | missing.nn
        DG010 | net.nn:3:9     | 3:layer 3 tanhh
        DG011 | net.nn:5:12    | 5:loss (y - d
        DG012 | net.nn:3:20    | 3:layer 3 f(u) = u + w
        DG013 | net.nn:5:6     | 5:loss hubber
        DG014 | net.nn:6:7     | +batch average
        DG015 | net.nn:6:11    | +optimizer adamm
        DG016 | net.nn:6:15    | +optimizer sgd beta1=0.9
        DG017 | net.nn:6:18    | +optimizer sgd lr=fast
        DG018 | net.nn:6:6     | +init orthogonal
        DG019 | net.nn:4:1     | 3:layer 100000 tanh | 4:layer 100000 sigmoid
        DG020 | net.params:1:1
        DG021 | net.nn:3:1     | 3:layer 3 softmax
        DG022 | net.nn:5:6     | 5:loss cross-entropy
        DG023 | net.nn:6:10    | +schedule cosinus
        DG024 | net.nn:3:20    | 3:layer 3 f(u) = u + StringLength("*/")
        DG025 | net.nn:3:18    | 3:layer 3 f(u) = u*1e400
        DG027 | net.nn:3:19    | 3:layer 3 tanh skip=1
        DG028 | net.nn:3:14    | 3:layer 3 f(u; u=1) = u
        DG032 | net.nn:3:16    | 3:layer 3 f(u) = Log(u)
        """.lines().forEach(row -> {
          List<String> cells = Stream.of(row.split("\\|")).map(String::strip).toList();
          cases.put(ErrorCode.valueOf(cells.get(0)), new Case(cells.get(1), cells.subList(2, cells.size())));
        });
    cases.put(ErrorCode.DG026, new Case("net.nn:5:6", List.of("5:loss " + "(y-d)+".repeat(200) + "0")));
    cases.put(ErrorCode.DG033, new Case("net.nn:3:16",
        List.of("3:layer 3 f(u) = " + "Erf(".repeat(30) + "u" + ")".repeat(30))));
    cases.put(ErrorCode.DG050,
        new Case("{temp}/net.nn", List.of(), "generate", List.of("-o", "{temp}/net.nn"), Map.of()));
    cases.put(ErrorCode.DG051, new Case("{temp}/templates/report.tex.ftl:2:5", List.of(), "report",
        List.of("-o", "{temp}/out", "--templates", "{temp}/templates"),
        Map.of("templates/report.tex.ftl", "\\documentclass{article}\n  [=model.nonexistent]\n")));
    cases.put(ErrorCode.DG052, new Case("{temp}/data.csv:3:4", List.of(), "train",
        List.of("--data", "{temp}/data.csv", "--out", "{temp}/out"), Map.of("data.csv", "a,b,c\n1,2,3\n1,2\n")));
    return cases;
  }

  @TempDir Path temp;

  /**
   * DG040, a class that the project already has, exists only in a Maven build: see the plugin's
   * collision IT. DG030 and DG031 no spec reaches since DG024 holds expressions to MathFunction's
   * table, whose every function Symja differentiates and Java can write; the codes stay, never
   * reused, and UntranslatableExpressionTest keeps DG031's translator side honest.
   */
  @ParameterizedTest
  @EnumSource(value = ErrorCode.class, mode = EnumSource.Mode.EXCLUDE, names = {"DG030", "DG031", "DG040"})
  void everyCodeIsReportedWithItsLocation(ErrorCode code) throws IOException {
    Case broken = CASES.get(code);
    assertNotNull(broken, code + " has no case in the catalogue test");
    for (Map.Entry<String, String> file : broken.files().entrySet()) {
      Path path = temp.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    List<String> args = new ArrayList<>(List.of(broken.command()));
    if (code == ErrorCode.DG009) {
      args.add(temp.resolve("missing.nn").toString());
    } else {
      args.add(Files.writeString(temp.resolve("net.nn"), String.join("\n", edit(broken.edits())) + "\n").toString());
    }
    if (code == ErrorCode.DG020) {
      args.addAll(List.of("-p", Files.writeString(temp.resolve("net.params"), "0.5\n").toString()));
    }
    broken.options().forEach(option -> args.add(option.replace("{temp}", temp.toString())));
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args.toArray(String[]::new));
    List<String> lines = err.toString().lines().toList();
    assertEquals(Main.BAD_INPUT, exit, err.toString());
    assertEquals(1, lines.size(), "exactly one problem: " + err);
    String location = code == ErrorCode.DG009 ? temp.resolve("missing.nn").toString() : broken.location();
    String expected = code + " " + location.replace("{temp}", temp.toString()) + ": ";
    assertTrue(lines.get(0).startsWith(expected), "expected '" + expected + "…' but got " + lines.get(0));
  }

  private static List<String> edit(List<String> edits) {
    List<String> lines = new ArrayList<>(BASE);
    List<Integer> deleted = new ArrayList<>();
    for (String edit : edits) {
      if (edit.startsWith("+")) {
        lines.add(edit.substring(1));
      } else if (edit.startsWith("-")) {
        deleted.add(Integer.parseInt(edit.substring(1)));
      } else {
        String[] parts = edit.split(":", 2);
        lines.set(Integer.parseInt(parts[0]) - 1, parts[1]);
      }
    }
    deleted.stream().sorted((a, b) -> b - a).forEach(n -> lines.remove((int) n - 1));
    return lines;
  }
}
