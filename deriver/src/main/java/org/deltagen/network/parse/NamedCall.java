package org.deltagen.network.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.Line.Token;

/**
 * A rule named with optional parameters, {@code leaky-relu} or {@code leaky-relu(a=0.2)}, as it
 * stands on a line, possibly across several tokens ({@code huber(delta = 1.5)}).
 *
 * @param name the rule's keyword
 * @param column where the keyword starts
 * @param parameters the values given, in order
 * @param nextToken the index of the first token after the call
 */
record NamedCall(String name, int column, Map<String, Double> parameters, int nextToken) {
  private static final Pattern CALL = Pattern.compile("([A-Za-z][A-Za-z0-9-]*)\\s*\\((.*)\\)");
  private static final Pattern ARGUMENT = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9]*)\\s*=\\s*(\\S+)\\s*");

  /** Reads the call starting at token {@code index}. */
  static NamedCall read(Line line, int index) throws SpecException {
    Token first = line.token(index);
    if (!first.text().contains("(")) {
      return new NamedCall(first.text(), first.column(), Map.of(), index + 1);
    }
    int last = index;
    while (!line.token(last).text().contains(")") && last + 1 < line.size()) {
      last++;
    }
    String text = line.content().substring(first.column() - 1, line.token(last).end() - 1);
    Matcher call = CALL.matcher(text);
    if (!call.matches()) {
      throw line.problem(ErrorCode.DG016, first.column(), "malformed parameters in '" + text + "'",
          "write them as name(key=value, …), e.g. leaky-relu(a=0.2)");
    }
    int argumentsColumn = first.column() + call.start(2);
    return new NamedCall(call.group(1), first.column(), arguments(line, call.group(2), argumentsColumn), last + 1);
  }

  private static Map<String, Double> arguments(Line line, String text, int column) throws SpecException {
    Map<String, Double> values = new LinkedHashMap<>();
    int offset = 0;
    for (String argument : text.split(",", -1)) {
      int at = column + offset + leadingBlanks(argument);
      Matcher matcher = ARGUMENT.matcher(argument);
      if (!matcher.matches()) {
        throw line.problem(ErrorCode.DG016, at, "malformed parameter '" + argument.strip() + "'",
            "write key=value, e.g. a=0.2");
      }
      OptionalDouble value = Numbers.finite(matcher.group(2));
      if (value.isEmpty()) {
        throw line.problem(ErrorCode.DG017, column + offset + matcher.start(2),
            "'" + matcher.group(2) + "' is not a number", "write a decimal number, e.g. 0.2");
      }
      if (values.put(matcher.group(1), value.getAsDouble()) != null) {
        throw line.problem(ErrorCode.DG016, at, "parameter '" + matcher.group(1) + "' given twice", "give it once");
      }
      offset += argument.length() + 1;
    }
    return values;
  }

  static int leadingBlanks(String text) {
    int blanks = 0;
    while (blanks < text.length() && Line.isBlank(text.charAt(blanks))) {
      blanks++;
    }
    return blanks;
  }
}
