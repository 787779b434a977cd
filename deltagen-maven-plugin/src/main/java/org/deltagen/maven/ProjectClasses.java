package org.deltagen.maven;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/**
 * The classes of the project's own compile source roots, which a generated trainer must not
 * declare again: javac would stop at "duplicate class" without naming the spec that made it.
 * A class is found by its file, {@code com/example/Xor.java} below a root, as javac looks for it.
 */
final class ProjectClasses {
  private final Path basedir;
  private final Path outputDirectory;
  private final List<Path> sourceRoots;

  /** The classes of {@code compileSourceRoots}, less deltagen's own {@code outputDirectory}. */
  ProjectClasses(Path basedir, Path outputDirectory, List<String> compileSourceRoots) {
    this.basedir = basedir.toAbsolutePath().normalize();
    this.outputDirectory = this.basedir.resolve(outputDirectory).normalize();
    this.sourceRoots = compileSourceRoots.stream()
        .map(root -> this.basedir.resolve(root).normalize())
        .filter(root -> !root.equals(this.outputDirectory))
        .distinct()
        .toList();
  }

  /**
   * A {@code requires java.compiler} directive ({@code static}, {@code transitive} or plain), with
   * comments between the words allowed as javac allows any white space.
   */
  private static final Pattern READS_JAVA_COMPILER = Pattern.compile(
      "\\brequires(?:\\s|/\\*.*?\\*/)+(?:(?:static|transitive)(?:\\s|/\\*.*?\\*/)+)*java\\.compiler\\s*;",
      Pattern.DOTALL);

  /**
   * Whether the project's classes may use {@code javax.annotation.processing.Generated}: yes unless
   * a {@code module-info.java} of its source roots makes it a module that does not read the module
   * {@code java.compiler} (line comments are left out before looking).
   */
  boolean readJavaCompiler(Charset encoding) throws IOException {
    for (Path root : sourceRoots) {
      Path descriptor = root.resolve("module-info.java");
      if (Files.isRegularFile(descriptor)) {
        String text = Files.readString(descriptor, encoding).replaceAll("//[^\\r\\n]*", "");
        return READS_JAVA_COMPILER.matcher(text).find();
      }
    }
    return true;
  }

  /** A DG040 problem, at the spec's {@code network} statement, for each generated class the project has. */
  List<Diagnostic> collisions(SpecFile file, Set<Path> outputs) {
    List<Diagnostic> found = new ArrayList<>();
    for (Path output : outputs.stream().sorted().toList()) {
      Path generated = basedir.resolve(output).normalize();
      if (!generated.startsWith(outputDirectory) || !generated.toString().endsWith(".java")) {
        continue;
      }
      Path relative = outputDirectory.relativize(generated);
      for (Path root : sourceRoots) {
        Path source = root.resolve(relative);
        if (Files.isRegularFile(source)) {
          found.add(collision(file, className(relative), source));
        }
      }
    }
    return found;
  }

  private Diagnostic collision(SpecFile file, String className, Path source) {
    String text = text(file);
    SourceLocation network = argument(file.name(), text, "network");
    SourceLocation pkg = argument(file.name(), text, "package");
    int dot = className.lastIndexOf('.');
    String inPackage = dot < 0 ? " in the unnamed package"
        : " in package " + className.substring(0, dot)
            + (pkg == null ? " (the plugin's packageName)" : " (line " + pkg.line() + ")");
    String shown = source.startsWith(basedir) ? basedir.relativize(source).toString() : source.toString();
    return Diagnostic.of(ErrorCode.DG040, network == null ? new SourceLocation(file.name(), 0, 0) : network,
            "network " + className.substring(dot + 1) + inPackage + " makes class " + className
                + ", which the project's " + shown + " already declares")
        .withHint("rename the network or give it another package");
  }

  private static String className(Path relative) {
    String path = relative.toString().replace('\\', '/');
    return path.substring(0, path.length() - ".java".length()).replace('/', '.');
  }

  private static String text(SpecFile file) {
    try {
      return file.text();
    } catch (SpecException e) {
      return "";
    }
  }

  /**
   * Where the first argument of the first {@code keyword} statement of a spec starts, or null when
   * it has none; lines are read as the parser reads them ({@code #} starts a comment).
   */
  private static SourceLocation argument(String name, String text, String keyword) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = body.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int comment = lines[i].indexOf('#');
      String line = comment < 0 ? lines[i] : lines[i].substring(0, comment);
      String[] tokens = line.strip().split("[ \t]+");
      if (tokens.length > 1 && tokens[0].equals(keyword)) {
        int start = line.indexOf(keyword) + keyword.length();
        while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
          start++;
        }
        return new SourceLocation(name, i + 1, start + 1);
      }
    }
    return null;
  }
}
