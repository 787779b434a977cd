package org.deltagen.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;

/**
 * Which columns of a CSV file are the network's inputs and which its targets, and how targets
 * become the vectors d: numbers as they are, or, for a classifier, one column of class labels
 * one-hot encoded in the order of {@code classes}.
 *
 * @param inputs the input columns' names, in the order of x
 * @param targets the target columns' names
 * @param classes the class labels, output j's at index j, or an empty list for numeric targets
 * @param binary true for a single sigmoid output, whose target column holds 0 or 1
 */
record DataLayout(List<String> inputs, List<String> targets, List<String> classes, boolean binary) {
  DataLayout {
    inputs = List.copyOf(inputs);
    targets = List.copyOf(targets);
    classes = List.copyOf(classes);
  }

  /** Whether the network classifies: its targets are labels and its outputs their scores. */
  boolean classifies() {
    return binary || !classes.isEmpty();
  }

  /**
   * The layout of {@code table} for {@code spec}: the targets named, or else the last column for a
   * classifier with one column more than inputs, or else the last n_L columns; every other column
   * an input. The labels of a classifier are collected over every table given (training and test).
   */
  static DataLayout of(NetworkSpec spec, List<String> named, CsvTable table, List<CsvTable> all)
      throws SpecException {
    NamedActivation head = spec.layer(spec.depth()).activation().rule();
    boolean classifier = head == NamedActivation.SOFTMAX || head == NamedActivation.SIGMOID;
    List<String> targets = named.isEmpty() ? defaultTargets(spec, table, classifier) : named;
    for (String target : targets) {
      if (table.column(target) < 0) {
        throw CsvTable.problem(new SourceLocation(table.file(), 1, 1), "has no column "
            + Diagnostic.quote(target) + " to use as a target", "the header names " + shown(table.names()));
      }
    }
    List<String> inputs = table.names().stream().filter(name -> !targets.contains(name)).toList();
    if (inputs.size() != spec.inputs()) {
      throw CsvTable.problem(new SourceLocation(table.file(), 1, 1), "has " + inputs.size() + " input columns ("
              + shown(inputs) + "), but " + spec.name() + " takes " + spec.inputs() + " inputs",
          "name the target columns with --target, or drop the columns that are neither");
    }
    boolean labels = classifier && targets.size() == 1;
    if (!labels && targets.size() != spec.outputs()) {
      throw CsvTable.problem(new SourceLocation(table.file(), 1, 1), "has " + targets.size()
              + " target columns, but " + spec.name() + " has " + spec.outputs() + " outputs",
          classifier ? "give one column of class labels, or one column per output"
              : "give one target column per output");
    }
    boolean binary = labels && spec.outputs() == 1;
    List<String> classes = labels && !binary ? classes(spec, targets.get(0), all) : List.of();
    return new DataLayout(inputs, targets, classes, binary);
  }

  private static List<String> defaultTargets(NetworkSpec spec, CsvTable table, boolean classifier) {
    List<String> names = table.names();
    int count = classifier && names.size() == spec.inputs() + 1 ? 1 : Math.min(spec.outputs(), names.size());
    return names.subList(names.size() - count, names.size());
  }

  /**
   * The distinct labels of {@code column}: whole numbers 0 … K−1 stand for their outputs; any other
   * labels, sorted, must number exactly K, one per output.
   */
  private static List<String> classes(NetworkSpec spec, String column, List<CsvTable> all) throws SpecException {
    Set<String> seen = new LinkedHashSet<>();
    for (CsvTable table : all) {
      int c = table.column(column);
      for (int s = 0; s < table.rows().size(); s++) {
        String label = table.rows().get(s)[c].strip();
        if (label.isEmpty() || label.codePoints().anyMatch(Diagnostic::isInvisible)) {
          // Labels are printed in the metrics and predict's CSV: none may hide or move text there.
          throw CsvTable.problem(table.location(s, c), "class label " + Diagnostic.quote(label)
              + (label.isEmpty() ? " is empty" : " holds an invisible or control character"),
              "write each class as visible text");
        }
        seen.add(label);
      }
    }
    int outputs = spec.outputs();
    List<String> indices = new ArrayList<>();
    for (int k = 0; k < outputs; k++) {
      indices.add(String.valueOf(k));
    }
    if (indices.containsAll(seen)) {
      return indices;
    }
    List<String> sorted = seen.stream().sorted(Comparator.naturalOrder()).toList();
    if (sorted.size() != outputs) {
      CsvTable first = all.get(0);
      throw CsvTable.problem(new SourceLocation(first.file(), 1, first.column(column) + 1),
          "column " + Diagnostic.quote(column) + " holds " + sorted.size() + " class labels (" + shown(sorted)
              + "), but the output layer of " + spec.name() + " has " + outputs + " units",
          "give one output unit per class, or labels 0 … " + (outputs - 1));
    }
    return sorted;
  }

  /** x of every row of {@code table}, its columns found by name. */
  double[][] inputs(CsvTable table) throws SpecException {
    int[] columns = columns(table, inputs);
    double[][] xs = new double[table.rows().size()][columns.length];
    for (int s = 0; s < xs.length; s++) {
      for (int i = 0; i < columns.length; i++) {
        xs[s][i] = table.number(s, columns[i]);
      }
    }
    return xs;
  }

  /** d of every row of {@code table}: the numbers, one-hot labels, or 0/1 of a binary classifier. */
  double[][] targets(CsvTable table, int outputs) throws SpecException {
    int[] columns = columns(table, targets);
    double[][] ds = new double[table.rows().size()][outputs];
    for (int s = 0; s < ds.length; s++) {
      if (!classes.isEmpty()) {
        String label = table.rows().get(s)[columns[0]].strip();
        if (!classes.contains(label)) {
          throw CsvTable.problem(table.location(s, columns[0]), "class label " + Diagnostic.quote(label)
              + " is not one of the network's classes " + shown(classes), "use the labels it was trained on");
        }
        ds[s][classes.indexOf(label)] = 1;
        continue;
      }
      for (int j = 0; j < columns.length; j++) {
        ds[s][j] = table.number(s, columns[j]);
        if (binary && ds[s][j] != 0 && ds[s][j] != 1) {
          throw CsvTable.problem(table.location(s, columns[j]), "column " + Diagnostic.quote(targets.get(j))
                  + " holds " + Diagnostic.quote(table.rows().get(s)[columns[j]].strip())
                  + ", but a single sigmoid output takes the labels 0 and 1",
              "write the two classes as 0 and 1, or give the network a softmax output of 2 units");
        }
      }
    }
    return ds;
  }

  /** Whether {@code table} has every target column, as data to evaluate on rather than only predict. */
  boolean hasTargets(CsvTable table) {
    return targets.stream().allMatch(name -> table.column(name) >= 0);
  }

  private static int[] columns(CsvTable table, List<String> names) throws SpecException {
    int[] columns = new int[names.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = table.column(names.get(i));
      if (columns[i] < 0) {
        throw CsvTable.problem(new SourceLocation(table.file(), 1, 1), "has no column "
            + Diagnostic.quote(names.get(i)), "the network was trained on the columns " + shown(names));
      }
    }
    return columns;
  }

  private static String shown(List<String> names) {
    String listed = names.stream().limit(12).map(Diagnostic::quote).collect(Collectors.joining(", "));
    return names.size() > 12 ? listed + ", … (" + names.size() + " in all)" : listed;
  }
}
