package org.deltagen.network.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Initializer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec files as the command line and the plugin read them: named as given, DG009 when unreadable. */
class SpecFilesTest {
  private static final String NET = "network Net\ninput 1\nlayer 1 identity\nloss sse\n";

  @TempDir Path temp;

  @Test
  void aMissingFileIsDg009AtItsPath() {
    Path missing = temp.resolve("missing.nn");
    assertUnreadable(missing, SpecFiles.of(missing, "missing.nn"), "no such file");
  }

  @Test
  void aFileThatIsNotUtf8IsDg009AtItsPath() throws IOException {
    Path latin1 = Files.write(temp.resolve("latin1.nn"), new byte[] {'n', 'e', 't', (byte) 0xE9, '\n'});
    assertUnreadable(latin1, SpecFiles.of(latin1, "latin1.nn"), "not UTF-8 text");
  }

  @Test
  void anUnreadableParameterFileIsDg009AtItsPath() throws IOException {
    Path spec = Files.writeString(temp.resolve("net.nn"), NET);
    Path parameters = temp.resolve("gone.params");
    assertUnreadable(parameters, SpecFiles.of(spec, "net.nn").withParameters(parameters, "gone.params"),
        "no such file");
  }

  @Test
  void theParameterFileBesideASpecGivesItsInitialParametersNamedInTheSpecsFolder()
      throws IOException, SpecException {
    Path folder = Files.createDirectories(temp.resolve("nets"));
    Path spec = Files.writeString(folder.resolve("net.nn"), NET);
    Files.writeString(folder.resolve("net.params"), "0.25 0.5\n");
    SpecFiles files = SpecFiles.beside(spec, "nets/net.nn");
    assertEquals("nets/net.params", files.parametersName());
    NetworkSpec network = files.read();
    assertEquals("nets/net.nn", network.source());
    Initializer.Explicit values = (Initializer.Explicit) network.initializer();
    assertArrayEquals(new double[] {0.25, 0.5}, values.parameters());
    assertEquals("nets/net.params", values.source());
  }

  @Test
  void withoutAParameterFileBesideItTheSpecsInitHolds() throws IOException, SpecException {
    Path spec = Files.writeString(temp.resolve("net.nn"), NET);
    Files.createDirectory(temp.resolve("net.params"));
    SpecFiles files = SpecFiles.beside(spec, "net.nn");
    assertNull(files.parameters(), "a folder named NAME.params is no parameter file");
    assertEquals("net.nn", files.read().source());
  }

  @Test
  void aParameterCountThatDoesNotFitIsLocatedInTheParameterFile() throws IOException {
    Path spec = Files.writeString(temp.resolve("net.nn"), NET);
    Path parameters = Files.writeString(temp.resolve("p.params"), "1 2 3\n");
    SpecException e = assertThrows(SpecException.class,
        () -> SpecFiles.of(spec, "net.nn").withParameters(parameters, "p.params").read());
    assertEquals(new SourceLocation("p.params", 1, 1), e.diagnostics().get(0).location());
  }

  private static void assertUnreadable(Path file, SpecFiles files, String reason) {
    SpecException e = assertThrows(SpecException.class, files::read);
    Diagnostic problem = e.diagnostics().get(0);
    assertEquals(ErrorCode.DG009, problem.code());
    assertEquals(new SourceLocation(file.toString(), 0, 0), problem.location());
    assertEquals("cannot read the file: " + reason, problem.message());
  }
}
