package org.deltagen.network.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Initializer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/**
 * A spec file and, when it has one, its parameter file, as every entry point reads them: UTF-8
 * text, parsed and validated, with each file named in locations by the name given here. A file
 * that cannot be read is a DG009 problem at its path.
 *
 * @param spec the {@code .nn} file
 * @param name the spec's name in locations and generated headers
 * @param parameters the parameter file, or null when the spec's own init holds
 * @param parametersName the parameter file's name in locations, or null when there is none
 */
public record SpecFiles(Path spec, String name, Path parameters, String parametersName) {
  public static final String EXTENSION = ".nn";
  public static final String PARAMETERS_EXTENSION = ".params";

  public SpecFiles {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(name, "name");
    if ((parameters == null) != (parametersName == null)) {
      throw new IllegalArgumentException("a parameter file needs a name, and a name a file");
    }
  }

  /** The spec alone, named {@code name}. */
  public static SpecFiles of(Path spec, String name) {
    return new SpecFiles(spec, name, null, null);
  }

  /**
   * The spec with {@code NAME.params} when that file lies beside it; the parameter file is named
   * as the spec is, in the same folder of {@code name}.
   */
  public static SpecFiles beside(Path spec, String name) {
    Path parameters = spec.resolveSibling(baseName(spec) + PARAMETERS_EXTENSION);
    if (!Files.isRegularFile(parameters)) {
      return of(spec, name);
    }
    int slash = name.lastIndexOf('/');
    return of(spec, name).withParameters(parameters, name.substring(0, slash + 1) + parameters.getFileName());
  }

  /** This spec with {@code parameters}, named {@code parametersName}, as its initial parameters. */
  public SpecFiles withParameters(Path parameters, String parametersName) {
    return new SpecFiles(spec, name, Objects.requireNonNull(parameters, "parameters"),
        Objects.requireNonNull(parametersName, "parametersName"));
  }

  /** Reads, parses and validates the spec and its parameters; throws every problem found. */
  public NetworkSpec read() throws SpecException {
    String text = text(spec);
    if (parameters == null) {
      return SpecParser.parse(name, text);
    }
    Initializer.Explicit values = ParameterFile.parse(parametersName, text(parameters));
    return SpecParser.parse(name, text, values, new SourceLocation(parametersName, 1, 1));
  }

  /** The file's text; a file that is missing, unreadable or not UTF-8 is a DG009 problem at its path. */
  public static String text(Path file) throws SpecException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw unreadable(file, "not UTF-8 text");
    } catch (NoSuchFileException e) {
      throw unreadable(file, "no such file");
    } catch (IOException e) {
      throw unreadable(file, e.getMessage());
    }
  }

  private static String baseName(Path spec) {
    String file = SpecParser.fileName(spec);
    return file.endsWith(EXTENSION) ? file.substring(0, file.length() - EXTENSION.length()) : file;
  }

  private static SpecException unreadable(Path file, String reason) {
    return new SpecException(Diagnostic.of(ErrorCode.DG009, new SourceLocation(file.toString(), 0, 0),
        "cannot read the file: " + reason));
  }
}
