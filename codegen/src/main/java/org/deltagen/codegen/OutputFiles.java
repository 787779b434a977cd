package org.deltagen.codegen;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where deltagen's outputs are staged before they are moved into place. {@link
 * Files#createTempFile} makes a file only its owner may read (0600), whatever the umask, and a
 * moved file keeps that: a generated class, a report or a digest would then be unreadable to the
 * rest of a team or a CI user. The files made here are created as any new file is, with the
 * permissions the umask gives (0644 under the usual 022).
 */
public final class OutputFiles {
  private static final int ATTEMPTS = 100;

  private OutputFiles() {}

  /**
   * Writes {@code bytes} to a new file beside {@code target}, then moves it into place, so that a
   * reader, or a build that stops halfway, never sees half of one.
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path temporary = temporaryBeside(target);
    try {
      Files.write(temporary, bytes);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * A new, empty file beside {@code target}, named {@code .deltagen.RANDOM.tmp} (hidden, and no
   * longer a name than the directory allows whatever the target's), created with the umask's
   * permissions.
   */
  public static Path temporaryBeside(Path target) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    FileAlreadyExistsException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Path temporary = directory.resolve(
          ".deltagen." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(temporary);
      } catch (FileAlreadyExistsException e) {
        last = e;
      }
    }
    throw last;
  }
}
