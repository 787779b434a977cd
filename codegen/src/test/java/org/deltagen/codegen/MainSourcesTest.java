package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The generator's own sources stay small enough to read: no file over 500 lines, no method over
 * 60 (measured from the parse tree, the method's first line to its closing brace), and no regex
 * package, as nothing here may read generated text back.
 */
class MainSourcesTest {
  private static final Path MAIN = Path.of("src/main/java/org/deltagen/codegen");

  @Test
  void filesAndMethodsAreShortAndNoRegexIsUsed() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.list(MAIN)) {
      sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    }
    List<String> problems = new ArrayList<>();
    for (Path source : sources) {
      List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
      if (lines.size() > 500) {
        problems.add(source.getFileName() + " has " + lines.size() + " lines");
      }
      if (lines.stream().anyMatch(line -> line.contains("java.util.regex"))) {
        problems.add(source.getFileName() + " uses java.util.regex");
      }
    }
    problems.addAll(longMethods(sources));
    assertEquals(List.of(), problems);
  }

  private static List<String> longMethods(List<Path> sources) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> problems = new ArrayList<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      JavacTask task = (JavacTask) javac.getTask(null, files, null, null, null, files.getJavaFileObjectsFromPaths(sources));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        LineMap lines = unit.getLineMap();
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethod(MethodTree method, Void unused) {
            long first = lines.getLineNumber(positions.getStartPosition(unit, method));
            long last = lines.getLineNumber(positions.getEndPosition(unit, method));
            if (last - first + 1 > 60) {
              problems.add(Path.of(unit.getSourceFile().getName()).getFileName() + " " + method.getName()
                  + " has " + (last - first + 1) + " lines");
            }
            return super.visitMethod(method, unused);
          }
        }.scan(unit, null);
      }
    }
    return problems;
  }
}
