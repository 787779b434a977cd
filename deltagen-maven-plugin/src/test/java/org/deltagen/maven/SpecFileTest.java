package org.deltagen.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spec is named by its path below the source directory, exactly as its file is named. */
class SpecFileTest {
  @TempDir Path directory;

  @Test
  void aBackslashIsPartOfTheNameWhereItIsNotTheSeparator() throws IOException {
    assumeTrue(File.separatorChar == '/', "on Windows a backslash separates folders");
    Path nets = Files.createDirectories(directory.resolve("nets"));
    String base = "p\\u002a\\u002f x";
    Files.writeString(nets.resolve(base + ".nn"), "network X\n");
    Files.writeString(nets.resolve(base + ".params"), "0.5\n");
    SpecFile spec = SpecFile.at(directory, "nets/" + base + ".nn");
    assertEquals("nets/" + base + ".nn", spec.name());
    assertEquals("nets/" + base + ".params", spec.parametersName());
  }
}
