package org.deltagen.cli;

import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deltagen.codegen.OutputFiles;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/**
 * The files one command writes under its {@code -o} directory, written all or none: they are
 * collected, checked against what is on disk, written to temporary files beside their targets and
 * only then moved into place. A failure on the way removes the directories and files it made and
 * puts back the files it replaced, and is reported as a DG050 naming the path.
 */
final class OutputTree {
  private final Path root;
  private final Map<Path, byte[]> files = new LinkedHashMap<>();

  OutputTree(Path root) {
    this.root = root;
  }

  /** Adds {@code relative} (a path below the root) with {@code text} as UTF-8; returns its path. */
  Path add(String relative, String text) {
    return add(relative, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds {@code relative} (a path below the root) with {@code bytes}; returns its path. */
  Path add(String relative, byte[] bytes) {
    return add(root.resolve(relative), bytes);
  }

  /** Adds a Java source in its package's folders, as {@code JavaFile.writeToPath} places it. */
  Path add(JavaFile source) {
    Path directory = root;
    if (!source.packageName().isEmpty()) {
      directory = root.resolve(source.packageName().replace('.', '/'));
    }
    return add(directory.resolve(source.typeSpec().name() + ".java"), source.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Path add(Path target, byte[] bytes) {
    files.put(target, bytes);
    return target;
  }

  /** Writes every file added, or none of them. */
  void write() throws SpecException {
    for (Path target : files.keySet()) {
      check(target);
    }
    Transaction transaction = new Transaction();
    try {
      transaction.run();
    } catch (IOException e) {
      transaction.undo();
      throw problem(transaction.current, "cannot be written: " + reason(e), "nothing was written; choose another -o");
    }
  }

  /** What can be known before writing: every target's folder can be made, and no target is a folder. */
  private static void check(Path target) throws SpecException {
    if (Files.isDirectory(target)) {
      throw problem(target, "is a directory, where deltagen must write the file " + target.getFileName(),
          "remove or rename that directory, or choose another -o");
    }
    Path existing = nearestExisting(target.getParent());
    if (!Files.isDirectory(existing)) {
      throw problem(existing, "is a file, not a directory, so nothing can be written under it",
          "give -o a directory, or a path where one can be made");
    }
    if (!Files.isWritable(existing) || Files.exists(target) && !Files.isWritable(target)) {
      Path blocked = Files.exists(target) ? target : existing;
      throw problem(blocked, "is not writable", "choose another -o, or change its permissions");
    }
  }

  private static Path nearestExisting(Path directory) {
    for (Path p = directory; p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return p;
      }
    }
    return Path.of(".");
  }

  /** The operating system's reason, without the temporary file's name that its message starts with. */
  private static String reason(IOException e) {
    return e instanceof AccessDeniedException ? "permission denied"
        : e instanceof FileSystemException failed && failed.getReason() != null ? failed.getReason()
        : String.valueOf(e.getMessage());
  }

  private static SpecException problem(Path path, String message, String hint) {
    return new SpecException(
        Diagnostic.of(ErrorCode.DG050, new SourceLocation(path.toString(), 0, 0), message).withHint(hint));
  }

  /** The writes, and what undoing them takes. */
  private final class Transaction {
    private final List<Path> createdDirectories = new ArrayList<>();
    private final List<Path> temporaries = new ArrayList<>();
    private final Map<Path, byte[]> replaced = new LinkedHashMap<>();
    private final List<Path> moved = new ArrayList<>();
    /** The target being written, as the command names it. */
    private Path current = root;

    void run() throws IOException {
      Map<Path, Path> staged = new LinkedHashMap<>();
      for (Map.Entry<Path, byte[]> file : files.entrySet()) {
        current = file.getKey();
        Path directory = file.getKey().toAbsolutePath().getParent();
        makeDirectories(directory);
        Path temporary = OutputFiles.temporaryBeside(file.getKey());
        temporaries.add(temporary);
        Files.write(temporary, file.getValue());
        staged.put(temporary, file.getKey());
      }
      for (Map.Entry<Path, Path> move : staged.entrySet()) {
        Path target = move.getValue();
        current = target;
        if (Files.isRegularFile(target)) {
          replaced.put(target, Files.readAllBytes(target));
        }
        Files.move(move.getKey(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        moved.add(target);
      }
    }

    private void makeDirectories(Path directory) throws IOException {
      List<Path> missing = new ArrayList<>();
      for (Path p = directory; !Files.isDirectory(p); p = p.getParent()) {
        missing.add(0, p);
      }
      for (Path p : missing) {
        Files.createDirectory(p);
        createdDirectories.add(p);
      }
    }

    /** Best effort: the first failure is what gets reported, so later ones are not. */
    void undo() {
      for (Path target : moved) {
        quietly(() -> {
          if (replaced.containsKey(target)) {
            Files.write(target, replaced.get(target));
          } else {
            Files.deleteIfExists(target);
          }
        });
      }
      temporaries.forEach(temporary -> quietly(() -> Files.deleteIfExists(temporary)));
      for (int i = createdDirectories.size() - 1; i >= 0; i--) {
        Path directory = createdDirectories.get(i);
        quietly(() -> Files.deleteIfExists(directory));
      }
    }

    private static void quietly(FileAction action) {
      try {
        action.run();
      } catch (IOException ignored) {
        // Undoing is best effort; the failure that made it necessary is the one reported.
      }
    }
  }

  private interface FileAction {
    void run() throws IOException;
  }
}
