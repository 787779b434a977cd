package org.deltagen.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SourceLocation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated class that the project already has is DG040 at the spec's network statement. */
class ProjectClassesTest {
  @TempDir Path project;
  private Path specs;
  private Path generated;
  private ProjectClasses classes;

  @BeforeEach
  void aProjectWithTwoSourceRoots() throws IOException {
    specs = Files.createDirectories(project.resolve("src/main/deltagen"));
    generated = project.resolve("target/generated-sources/deltagen");
    write("src/main/java/com/example/xor/Xor.java", "package com.example.xor; class Xor {}");
    write("target/generated-sources/antlr/org/example/Parser.java", "package org.example; class Parser {}");
    // deltagen's own output root holds last run's trainers: never a collision.
    write("target/generated-sources/deltagen/com/example/other/Other.java", "package com.example.other; class Other {}");
    classes = new ProjectClasses(project, generated,
        List.of(project.resolve("src/main/java").toString(), "target/generated-sources/antlr", generated.toString()));
  }

  @Test
  void aClassOfTheProjectIsReportedAtTheNetworkNameNamingItsSourceAndThePackageLine() throws IOException {
    SpecFile xor = spec("xor.nn", "# XOR\n\n  network   Xor   # the class\npackage com.example.xor\ninput 2\n");
    List<Diagnostic> found = classes.collisions(xor, Set.of(generated.resolve("com/example/xor/Xor.java")));
    assertEquals(1, found.size(), found.toString());
    Diagnostic collision = found.get(0);
    assertEquals(ErrorCode.DG040, collision.code());
    assertEquals(new SourceLocation("xor.nn", 3, 13), collision.location());
    assertEquals("network Xor in package com.example.xor (line 4) makes class com.example.xor.Xor, which the"
        + " project's src/main/java/com/example/xor/Xor.java already declares", collision.message());
  }

  @Test
  void aPackageFromThePluginsSettingIsNamedAsSuch() throws IOException {
    SpecFile parser = spec("parser.nn", "network Parser\ninput 1\n");
    List<Diagnostic> found = classes.collisions(parser, Set.of(generated.resolve("org/example/Parser.java")));
    assertEquals(List.of("network Parser in package org.example (the plugin's packageName) makes class"
            + " org.example.Parser, which the project's target/generated-sources/antlr/org/example/Parser.java"
            + " already declares"),
        found.stream().map(Diagnostic::message).toList());
    assertEquals(new SourceLocation("parser.nn", 1, 9), found.get(0).location());
  }

  @Test
  void classesOnlyInDeltagensOwnOutputOrElsewhereInThePackageDoNotCollide() throws IOException {
    SpecFile other = spec("other.nn", "network Other\npackage com.example.other\n");
    SpecFile and = spec("and.nn", "network And\npackage com.example.xor\n");
    assertEquals(List.of(), classes.collisions(other, Set.of(generated.resolve("com/example/other/Other.java"))));
    assertEquals(List.of(), classes.collisions(and, Set.of(generated.resolve("com/example/xor/And.java"))));
  }

  private SpecFile spec(String name, String text) throws IOException {
    Files.writeString(specs.resolve(name), text);
    return SpecFile.at(specs, name);
  }

  private void write(String path, String text) throws IOException {
    Path file = project.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Which module descriptors read java.compiler, so that @Generated compiles; a comment does not count. */
  @Test
  void aModuleReadsJavaCompilerOnlyThroughARequiresDirective() throws IOException {
    java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
    assertEquals(true, classes.readJavaCompiler(utf8), "no module-info.java: a classpath project");
    for (String descriptor : List.of("module m { requires static java.compiler; }",
        "module m {\n  requires /* for @Generated */ static\n java.compiler ;\n}", "module m { requires java.compiler; }",
        "module m { requires transitive java.compiler; }")) {
      write("src/main/java/module-info.java", descriptor);
      assertEquals(true, classes.readJavaCompiler(utf8), descriptor);
    }
    for (String descriptor : List.of("module m { exports m; }", "module m {\n  // requires static java.compiler;\n}",
        "module m { requires java.compilerx; }", "module m { requires static java.compiler.tools; }")) {
      write("src/main/java/module-info.java", descriptor);
      assertEquals(false, classes.readJavaCompiler(utf8), descriptor);
    }
  }
}
