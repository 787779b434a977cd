package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
  @TempDir Path directory;

  /** The umask's permissions, as a file any program creates here gets them; not 0600. */
  @Test
  void writtenFilesHaveTheUmasksPermissionsNotTheOwnersOnly() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(directory.resolve("plain"));
    Path written = directory.resolve("nested/Xor.java");
    OutputFiles.write(written, new byte[] {1, 2, 3});
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(written));
  }

  @Test
  void replacingLeavesNoTemporaryBehind() throws IOException {
    Path target = directory.resolve("Xor.tex");
    OutputFiles.write(target, new byte[] {1});
    OutputFiles.write(target, new byte[] {2});
    assertArrayEquals(new byte[] {2}, Files.readAllBytes(target));
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(List.of(target), files.toList());
    }
  }
}
