package org.deltagen.maven;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.deltagen.codegen.OutputFiles;

/**
 * What a goal made at its last run, per spec: the digest of everything its output depended on, and
 * the files it wrote. A spec whose digest is unchanged and whose files all still exist is up to
 * date; the files of a spec that is gone are removed. Kept as a properties file under
 * {@code target/deltagen}.
 */
final class BuildState {
  /** One spec's digest and the files generated from it. */
  record Entry(String digest, List<Path> outputs) {
    Entry {
      outputs = List.copyOf(outputs);
    }

    /** The same files under a digest that matches no inputs: the spec is made again at the next run. */
    Entry invalidated() {
      return new Entry(STALE, outputs);
    }

    boolean upToDate(String currentDigest) {
      return digest.equals(currentDigest) && outputs.stream().allMatch(Files::isRegularFile);
    }
  }

  private static final String SEPARATOR = "\t";
  private static final String STALE = "stale";

  private final Path file;
  private final TreeMap<String, Entry> entries = new TreeMap<>();

  private BuildState(Path file) {
    this.file = file;
  }

  /** The state in {@code file}; empty when there is none yet or it cannot be read, so all is made anew. */
  static BuildState load(Path file) throws IOException {
    BuildState state = new BuildState(file);
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      return state;
    } catch (IllegalArgumentException e) {
      return state;
    }
    for (String spec : properties.stringPropertyNames()) {
      String[] fields = properties.getProperty(spec).split(SEPARATOR);
      List<Path> outputs = Arrays.stream(fields).skip(1).map(Path::of).toList();
      state.entries.put(spec, new Entry(fields[0], outputs));
    }
    return state;
  }

  Entry get(String spec) {
    return entries.get(spec);
  }

  void put(String spec, Entry entry) {
    entries.put(spec, entry);
  }

  Entry remove(String spec) {
    return entries.remove(spec);
  }

  Set<String> specs() {
    return new TreeSet<>(entries.keySet());
  }

  /** Writes the state, replacing the old file in one step. */
  void save() throws IOException {
    Properties properties = new Properties();
    entries.forEach((spec, entry) -> {
      List<String> fields = new ArrayList<>();
      fields.add(entry.digest());
      entry.outputs().forEach(output -> fields.add(output.toString()));
      properties.setProperty(spec, String.join(SEPARATOR, fields));
    });
    StringWriter text = new StringWriter();
    properties.store(text, "deltagen: the digest of each spec's inputs and the files made from it");
    OutputFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
