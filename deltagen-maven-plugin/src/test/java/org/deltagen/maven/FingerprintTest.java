package org.deltagen.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digests that change with what deltagen's jars hold, not with when they were built. */
class FingerprintTest {
  @TempDir Path directory;

  @Test
  void aRebuiltJarWithTheSameEntriesDigestsAlike() throws IOException {
    Path first = jar("first.jar", 1_000_000_000_000L, "Deriver.class", "bytes");
    Path second = jar("second.jar", 1_700_000_000_000L, "Deriver.class", "bytes");
    assertNotEquals(Files.mismatch(first, second), -1L, "the jars' bytes differ: their entries' times do");
    assertEquals(digest(first), digest(second));
  }

  @Test
  void aChangedEntryChangesTheDigest() throws IOException {
    Path before = jar("before.jar", 0, "report.tex.ftl", "\\section{Notation}");
    Path after = jar("after.jar", 0, "report.tex.ftl", "\\section{Symbols}");
    assertNotEquals(digest(before), digest(after));
  }

  @Test
  void partsAreDelimitedSoThatShiftingTextBetweenThemChangesTheDigest() {
    String joined = new Fingerprint().add("a", "bc").add("d", "e").hex();
    String shifted = new Fingerprint().add("a", "b").add("cd", "e").hex();
    assertNotEquals(joined, shifted);
    assertNotEquals(new Fingerprint().add("packageName", (String) null).hex(),
        new Fingerprint().add("packageName", "").hex(), "an unset parameter is not an empty one");
  }

  @Test
  void aDirectoryDigestsLikeItsFilesAndTheirNames() throws IOException {
    Path classes = Files.createDirectories(directory.resolve("classes/org"));
    Files.writeString(classes.resolve("A.class"), "a");
    String once = new Fingerprint().addTree("codegen", directory.resolve("classes")).hex();
    Files.setLastModifiedTime(classes.resolve("A.class"), FileTime.fromMillis(0));
    assertEquals(once, new Fingerprint().addTree("codegen", directory.resolve("classes")).hex());
    Files.move(classes.resolve("A.class"), classes.resolve("B.class"));
    assertNotEquals(once, new Fingerprint().addTree("codegen", directory.resolve("classes")).hex());
  }

  private Path jar(String name, long time, String entry, String content) throws IOException {
    Path jar = directory.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      JarEntry jarEntry = new JarEntry(entry);
      jarEntry.setTime(time);
      out.putNextEntry(jarEntry);
      out.write(content.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  private static String digest(Path jar) throws IOException {
    return new Fingerprint().addTree("jar", jar).hex();
  }
}
