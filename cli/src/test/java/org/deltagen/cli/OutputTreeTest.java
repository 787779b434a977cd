package org.deltagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTreeTest {
  @TempDir Path temp;

  @Test
  void writesEveryFileInItsFolders() throws Exception {
    Path root = temp.resolve("out");
    OutputTree tree = new OutputTree(root);
    Path a = tree.add("a.txt", "first");
    Path b = tree.add("deep/er/b.txt", new byte[] {1, 2, 3});
    tree.write();
    assertEquals("first", Files.readString(a));
    assertEquals(3, Files.size(b));
    assertEquals(List.of("/", "a.txt 5 bytes", "deep/", "deep/er/", "deep/er/b.txt 3 bytes"), withoutTimes(root),
        "no temporary file is left");
  }

  /** Files get the umask's permissions, as any new file here does, not the owner-only 0600 of a temporary file. */
  @Test
  void writtenFilesAreReadableAsTheUmaskAllows() throws Exception {
    Path plain = Files.createFile(temp.resolve("plain"));
    OutputTree tree = new OutputTree(temp.resolve("out"));
    Path written = tree.add("com/example/Xor.java", "class Xor {}");
    tree.write();
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
  }

  /** The move of the second file fails (its name is too long): the first is put back as it was. */
  @Test
  void aFailureAfterReplacingAFilePutsItBack() throws IOException {
    Path root = Files.createDirectory(temp.resolve("out"));
    Path existing = Files.writeString(root.resolve("a.txt"), "old");
    OutputTree tree = new OutputTree(root);
    tree.add("a.txt", "new");
    Path tooLong = tree.add("sub/" + "n".repeat(300) + ".txt", "x");
    SpecException problem = assertThrows(SpecException.class, tree::write);
    assertEquals(1, problem.listing().size());
    assertTrue(problem.listing().get(0).startsWith("DG050 " + tooLong + ": cannot be written: File name too long"),
        problem.listing().get(0));
    assertEquals("old", Files.readString(existing));
    assertFalse(Files.exists(root.resolve("sub")), "the folder made for it is removed");
    assertEquals(List.of("/", "a.txt 3 bytes"), withoutTimes(root), "no temporary file is left");
  }

  private static List<String> withoutTimes(Path root) {
    return CliRun.tree(root).stream().map(entry -> entry.replaceFirst(", \\d+$", "")).toList();
  }
}
