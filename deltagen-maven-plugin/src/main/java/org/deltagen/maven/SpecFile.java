package org.deltagen.maven;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Initializer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.ParameterFile;
import org.deltagen.network.parse.SpecParser;

/**
 * One spec of the source directory: {@code NAME.nn} and, when it lies beside it, the parameter file
 * {@code NAME.params} that gives its initial parameters (as the command line's {@code -p} does).
 * Both are named in messages and generated headers by their path below the source directory, so
 * that generated code does not depend on where the project was checked out.
 *
 * @param name the spec's path below the source directory, with {@code /} separators
 * @param spec the spec file
 * @param parameters its parameter file, or null when there is none
 */
record SpecFile(String name, Path spec, Path parameters) {
  static final String EXTENSION = ".nn";
  static final String PARAMETERS_EXTENSION = ".params";

  /**
   * The spec at {@code relative} below {@code directory}, with its parameter file if one exists.
   * Only the platform's separator becomes {@code /}: elsewhere than on Windows a backslash is part
   * of a file's name.
   */
  static SpecFile at(Path directory, String relative) {
    String name = relative.replace(File.separatorChar, '/');
    Path spec = directory.resolve(relative);
    Path parameters = spec.resolveSibling(baseName(spec) + PARAMETERS_EXTENSION);
    return new SpecFile(name, spec, Files.isRegularFile(parameters) ? parameters : null);
  }

  private static String baseName(Path spec) {
    String file = spec.getFileName().toString();
    return file.endsWith(EXTENSION) ? file.substring(0, file.length() - EXTENSION.length()) : file;
  }

  /** The parameter file's name in messages, beside the spec's. */
  String parametersName() {
    int slash = name.lastIndexOf('/');
    return name.substring(0, slash + 1) + parameters.getFileName();
  }

  /** Parses and validates the spec, in {@code defaultPackage} unless it names its own package. */
  NetworkSpec read(String defaultPackage) throws SpecException {
    String text = text();
    NetworkSpec network;
    if (parameters == null) {
      network = SpecParser.parse(name, text);
    } else {
      Initializer.Explicit values = ParameterFile.parse(parametersName(), decode(parameters, parametersName()));
      network = SpecParser.parse(name, text, values, new SourceLocation(parametersName(), 1, 1));
    }
    boolean hasPackage = !network.packageName().isEmpty();
    return hasPackage || defaultPackage == null ? network : network.withPackageName(defaultPackage);
  }

  /** The bytes the generated output depends on: the spec's and its parameter file's. */
  byte[][] contents() throws IOException {
    return new byte[][] {Files.readAllBytes(spec), parameters == null ? new byte[0] : Files.readAllBytes(parameters)};
  }

  /**
   * {@code diagnostic} as compilers print it in a build log, {@code /abs/path/xor.nn:3:9: DG010
   * message; hint}, with the file's full path so that IDEs and CI annotate the line.
   */
  String format(Diagnostic diagnostic) {
    SourceLocation location = diagnostic.location();
    String file = location.file().equals(name) ? spec.toString()
        : parameters != null && location.file().equals(parametersName()) ? parameters.toString()
        : location.file();
    String where = location.line() == 0 ? file : file + ":" + location.line() + ":" + location.column();
    String text = where + ": " + diagnostic.code() + " " + diagnostic.message();
    return diagnostic.hint().isEmpty() ? text : text + "; " + diagnostic.hint();
  }

  /** The spec's text; a spec that is not UTF-8 or cannot be read is a DG009 problem. */
  String text() throws SpecException {
    return decode(spec, name);
  }

  private static String decode(Path file, String name) throws SpecException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw unreadable(name, "not UTF-8 text");
    } catch (NoSuchFileException e) {
      throw unreadable(name, "no such file");
    } catch (IOException e) {
      throw unreadable(name, e.getMessage());
    }
  }

  private static SpecException unreadable(String name, String reason) {
    return new SpecException(
        Diagnostic.of(ErrorCode.DG009, new SourceLocation(name, 0, 0), "cannot read the file: " + reason));
  }
}
