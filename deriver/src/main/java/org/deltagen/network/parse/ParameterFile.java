package org.deltagen.network.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.DoubleStream;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.Initializer;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.Line.Token;

/**
 * Reads initial parameters: finite decimal numbers separated by blanks and newlines in any layout,
 * {@code #} comments, in the order of {@link org.deltagen.network.NetworkSpec#weightOffset(int)}.
 */
public final class ParameterFile {
  private ParameterFile() {}

  /** Reads a parameter file, naming it by its file name in locations and as the values' source. */
  public static Initializer.Explicit read(Path file) throws IOException, SpecException {
    return parse(SpecParser.fileName(file), Files.readString(file));
  }

  /** Parses the parameters in {@code text}, naming them {@code fileName}. */
  public static Initializer.Explicit parse(String fileName, String text) throws SpecException {
    DoubleStream.Builder values = DoubleStream.builder();
    List<Diagnostic> problems = new ArrayList<>();
    for (Line line : Line.split(fileName, text)) {
      for (Token token : line.tokens()) {
        OptionalDouble value = Numbers.finite(token.text());
        if (value.isPresent()) {
          values.add(value.getAsDouble());
        } else {
          problems.add(notANumber(line, token));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
    double[] parameters = values.build().toArray();
    if (parameters.length == 0) {
      throw new SpecException(
          Diagnostic.of(
                  ErrorCode.DG008,
                  new SourceLocation(fileName, 1, 1),
                  "'" + fileName + "' holds no parameters")
              .withHint(
                  "list them layer by layer, bias row first, separated by blanks or newlines"));
    }
    return new Initializer.Explicit(parameters, fileName);
  }

  private static Diagnostic notANumber(Line line, Token token) {
    return line.diagnostic(
        ErrorCode.DG017,
        token.column(),
        "parameter " + Diagnostic.quote(token.text()) + " is not a finite number",
        "write decimals such as -0.977 or 1.5e-3, separated by blanks");
  }
}
