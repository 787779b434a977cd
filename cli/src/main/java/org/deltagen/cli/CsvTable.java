package org.deltagen.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecFiles;

/**
 * A CSV file as {@code train} and {@code predict} read it: UTF-8, RFC 4180 (commas, double
 * quotes), a header row of column names, then rows of as many fields. The file is untrusted:
 * every problem is one DG009, DG017 or DG052 at its line and column.
 *
 * @param file the path as the user gave it, which locations name
 * @param names the header's column names
 * @param rows the fields of each row after the header
 * @param lines the line each row starts on
 * @param offsets per row, the character offset of each field's start within its line (0-based)
 */
record CsvTable(String file, List<String> names, List<String[]> rows, int[] lines, List<int[]> offsets) {
  /** A decimal number as Java reads it, without Java's hex, 'd'/'f' suffixes, NaN or Infinity. */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  /** Reads and splits {@code path}; a file that is not CSV, has no header or rows, or ragged rows is a problem. */
  static CsvTable read(Path path) throws SpecException {
    String file = path.toString();
    String text = SpecFiles.text(path);
    int[] lineStarts = lineStarts(text);
    List<String[]> rows = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<int[]> offsets = new ArrayList<>();
    List<String> names = null;
    try (CSVParser parser = CSVParser.parse(text, CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())) {
      for (CSVRecord record : parser) {
        int start = (int) record.getCharacterPosition();
        int line = lineOf(lineStarts, start);
        String[] fields = record.values();
        if (names == null) {
          names = header(file, line, fields);
          continue;
        }
        int[] columns = fieldOffsets(text, start, fields.length, start - lineStarts[line - 1]);
        if (fields.length != names.size()) {
          int column = fields.length > names.size() ? columns[names.size()] : lineEnd(text, start) - lineStarts[line - 1];
          throw problem(new SourceLocation(file, line, column + 1),
              "a row of " + fields.length + " fields, but the header names " + names.size() + " columns",
              "give every row one field per column");
        }
        rows.add(fields);
        lines.add(line);
        offsets.add(columns);
      }
    } catch (UncheckedIOException | IllegalStateException | IOException e) {
      // commons-csv reports a quote that never closes, or text after a closing quote, this way.
      throw problem(new SourceLocation(file, 0, 0), "is not valid CSV: " + message(e),
          "write comma-separated fields, double quotes around a field that holds commas or quotes");
    }
    if (names == null || rows.isEmpty()) {
      throw problem(new SourceLocation(file, names == null ? 1 : 2, 1),
          names == null ? "is empty" : "has a header but no rows",
          "give a header row of column names, then one row per sample");
    }
    return new CsvTable(file, names, rows, lines.stream().mapToInt(Integer::intValue).toArray(), offsets);
  }

  private static List<String> header(String file, int line, String[] fields) throws SpecException {
    List<String> names = Arrays.asList(fields);
    for (int i = 0; i < fields.length; i++) {
      if (names.subList(0, i).contains(fields[i])) {
        throw problem(new SourceLocation(file, line, 1), "column " + Diagnostic.quote(fields[i])
            + " is named twice in the header", "give each column its own name");
      }
    }
    return List.copyOf(names);
  }

  /** The number in {@code row}'s field {@code column}; anything but a finite decimal is a DG017 there. */
  double number(int row, int column) throws SpecException {
    String text = rows.get(row)[column].strip();
    if (DECIMAL.matcher(text).matches()) {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value)) {
        return value;
      }
    }
    throw new SpecException(Diagnostic.of(ErrorCode.DG017, location(row, column),
            "column " + Diagnostic.quote(names.get(column)) + " holds " + Diagnostic.quote(text)
                + ", not a finite number")
        .withHint("write decimals such as -0.977 or 1.5e-3"));
  }

  /** Where {@code row}'s field {@code column} starts. */
  SourceLocation location(int row, int column) {
    return new SourceLocation(file, lines[row], offsets.get(row)[column] + 1);
  }

  /** The column called {@code name}, or -1. */
  int column(String name) {
    return names.indexOf(name);
  }

  static SpecException problem(SourceLocation location, String message, String hint) {
    return new SpecException(Diagnostic.of(ErrorCode.DG052, location, message).withHint(hint));
  }

  private static String message(Exception e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return String.valueOf(cause.getMessage());
  }

  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The 1-based line holding character {@code position}. */
  private static int lineOf(int[] lineStarts, int position) {
    int found = Arrays.binarySearch(lineStarts, position);
    return found >= 0 ? found + 1 : -found - 1;
  }

  private static int lineEnd(String text, int start) {
    int end = start;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    return end;
  }

  /**
   * Where each of a record's fields starts, relative to its line, found by walking the record as
   * RFC 4180 splits it: a comma outside quotes ends a field, a doubled quote inside is one quote.
   */
  private static int[] fieldOffsets(String text, int start, int count, int startColumn) {
    int[] offsets = new int[count];
    offsets[0] = startColumn;
    boolean quoted = false;
    for (int i = start, field = 1; i < text.length() && field < count; i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        offsets[field++] = startColumn + i + 1 - start;
      }
    }
    return offsets;
  }
}
