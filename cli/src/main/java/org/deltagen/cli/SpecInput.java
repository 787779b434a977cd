package org.deltagen.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Initializer;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.ParameterFile;
import org.deltagen.network.parse.SpecParser;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The spec file and optional parameter file that {@code generate} and {@code check} read. */
final class SpecInput {
  @Parameters(index = "0", paramLabel = "SPEC", description = "The network spec (.nn file).")
  Path spec;

  @Option(
      names = {"-p", "--parameters"},
      paramLabel = "FILE",
      description = "Initial parameters, overriding the spec's init: numbers layer by layer, each"
          + " block row by row with the bias row first; # starts a comment.")
  Path parameters;

  /** Reads and validates the spec (and parameters), or throws every problem found. */
  NetworkSpec read() throws SpecException {
    String text = readText(spec);
    if (parameters == null) {
      return SpecParser.parse(spec.getFileName().toString(), text);
    }
    Initializer.Explicit values = ParameterFile.parse(parameters.getFileName().toString(), readText(parameters));
    return SpecParser.parse(
        spec.getFileName().toString(), text, values, new SourceLocation(parameters.getFileName().toString(), 1, 1));
  }

  static String readText(Path file) throws SpecException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SpecException(
          Diagnostic.of(ErrorCode.DG009, new SourceLocation(file.toString(), 0, 0),
              "cannot read the file: " + describe(e)));
    }
  }

  private static String describe(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException ? "no such file"
        : e instanceof java.nio.charset.MalformedInputException ? "not UTF-8 text"
        : e.getMessage();
  }
}
