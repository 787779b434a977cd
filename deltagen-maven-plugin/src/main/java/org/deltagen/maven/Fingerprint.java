package org.deltagen.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A SHA-256 digest built from labelled parts. Jars and directories are digested by their entries'
 * names and contents, not their bytes, so that a rebuilt but unchanged jar (whose entries carry new
 * times) leaves a digest unchanged.
 */
final class Fingerprint {
  private final MessageDigest digest;

  Fingerprint() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Adds a labelled text, such as a parameter's value; null counts as absent, not as "null". */
  Fingerprint add(String label, String value) {
    return add(label, value == null ? new byte[] {0} : (":" + value).getBytes(StandardCharsets.UTF_8));
  }

  /** Adds labelled bytes, length first, so that no two sequences of parts digest alike. */
  Fingerprint add(String label, byte[] bytes) {
    byte[] name = label.getBytes(StandardCharsets.UTF_8);
    digest.update(lengthOf(name.length));
    digest.update(name);
    digest.update(lengthOf(bytes.length));
    digest.update(bytes);
    return this;
  }

  /** Adds the contents of a jar, a directory of files, or nothing when {@code path} is null or missing. */
  Fingerprint addTree(String label, Path path) throws IOException {
    if (path == null || !Files.exists(path)) {
      return add(label, (String) null);
    }
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.walk(path)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          add(label + "/" + path.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
      }
      return this;
    }
    try (JarFile jar = new JarFile(path.toFile())) {
      List<JarEntry> entries = Collections.list(jar.entries());
      entries.sort((a, b) -> a.getName().compareTo(b.getName()));
      for (JarEntry entry : entries) {
        if (!entry.isDirectory()) {
          try (InputStream in = jar.getInputStream(entry)) {
            add(label + "!/" + entry.getName(), in.readAllBytes());
          }
        }
      }
    }
    return this;
  }

  /** The digest, in hex; the fingerprint cannot be used after. */
  String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  private static byte[] lengthOf(int length) {
    return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
  }
}
