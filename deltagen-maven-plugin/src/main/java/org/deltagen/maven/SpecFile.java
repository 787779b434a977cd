package org.deltagen.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecFiles;

/**
 * One spec of the source directory: {@code NAME.nn} and, when it lies beside it, the parameter file
 * {@code NAME.params} that gives its initial parameters (as the command line's {@code -p} does).
 * Both are named in messages and generated headers by their path below the source directory, so
 * that generated code does not depend on where the project was checked out.
 *
 * @param files the spec, named by its path below the source directory with {@code /} separators,
 *     and its parameter file
 */
record SpecFile(SpecFiles files) {
  /**
   * The spec at {@code relative} below {@code directory}, with its parameter file if one exists.
   * Only the platform's separator becomes {@code /}: elsewhere than on Windows a backslash is part
   * of a file's name.
   */
  static SpecFile at(Path directory, String relative) {
    return new SpecFile(SpecFiles.beside(directory.resolve(relative), relative.replace(File.separatorChar, '/')));
  }

  /** The spec's path below the source directory. */
  String name() {
    return files.name();
  }

  Path spec() {
    return files.spec();
  }

  /** The parameter file, or null when there is none. */
  Path parameters() {
    return files.parameters();
  }

  /** The parameter file's name in messages, beside the spec's. */
  String parametersName() {
    return files.parametersName();
  }

  /** Parses and validates the spec, in {@code defaultPackage} unless it names its own package. */
  NetworkSpec read(String defaultPackage) throws SpecException {
    NetworkSpec network = files.read();
    boolean hasPackage = !network.packageName().isEmpty();
    return hasPackage || defaultPackage == null ? network : network.withPackageName(defaultPackage);
  }

  /** The bytes the generated output depends on: the spec's and its parameter file's. */
  byte[][] contents() throws IOException {
    Path parameters = parameters();
    return new byte[][] {Files.readAllBytes(spec()), parameters == null ? new byte[0] : Files.readAllBytes(parameters)};
  }

  /**
   * {@code diagnostic} as compilers print it in a build log, {@code /abs/path/xor.nn:3:9: DG010
   * message; hint}, with the file's full path so that IDEs and CI annotate the line.
   */
  String format(Diagnostic diagnostic) {
    SourceLocation location = diagnostic.location();
    String file = location.file().equals(name()) ? spec().toString()
        : location.file().equals(parametersName()) ? parameters().toString()
        : location.file();
    String where = location.line() == 0 ? file : file + ":" + location.line() + ":" + location.column();
    String text = where + ": " + diagnostic.code() + " " + diagnostic.message();
    return diagnostic.hint().isEmpty() ? text : text + "; " + diagnostic.hint();
  }

  /** The spec's text; a spec that is not UTF-8 or cannot be read is a DG009 problem. */
  String text() throws SpecException {
    return SpecFiles.text(spec());
  }
}
