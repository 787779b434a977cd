package org.deltagen.network.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.LearnedParameter;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/**
 * The learnable parameters declared after {@code ;} in {@code f(u; a=1, b=0.5) = …}, each with
 * where its name stands, so that {@link org.deltagen.network.Activation#custom} can point at it.
 *
 * @param parameters the names and initial values, in declaration order
 * @param locations where each name stands
 */
record LearnedParameters(List<LearnedParameter> parameters, List<SourceLocation> locations) {
  static final LearnedParameters NONE = new LearnedParameters(List.of(), List.of());

  /** Reads {@code text}, the declarations after the ';', which starts at {@code column} of {@code line}. */
  static LearnedParameters read(Line line, String text, int column) throws SpecException {
    List<LearnedParameter> parameters = new ArrayList<>();
    List<SourceLocation> locations = new ArrayList<>();
    int offset = 0;
    for (String declaration : text.split(",", -1)) {
      int at = column + offset + NamedCall.leadingBlanks(declaration);
      int equals = declaration.indexOf('=');
      String name = (equals < 0 ? declaration : declaration.substring(0, equals)).strip();
      if (equals < 0) {
        throw line.problem(ErrorCode.DG017, at, "parameter " + Diagnostic.quote(name) + " has no initial value",
            "declare it with its initial value, e.g. f(u; a=1) = a*u");
      }
      String value = declaration.substring(equals + 1).strip();
      OptionalDouble initial = Numbers.finite(value);
      if (initial.isEmpty()) {
        throw line.problem(ErrorCode.DG017, column + offset + equals + 1,
            "parameter " + Diagnostic.quote(name) + " needs a finite initial value, not " + Diagnostic.quote(value),
            "write a decimal number, e.g. a=0.25");
      }
      parameters.add(new LearnedParameter(name, initial.getAsDouble()));
      locations.add(line.at(at));
      offset += declaration.length() + 1;
    }
    return new LearnedParameters(parameters, locations);
  }
}
