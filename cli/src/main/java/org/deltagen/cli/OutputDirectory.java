package org.deltagen.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -o DIR} of the spec commands that write files, all of them or none, under it. */
final class OutputDirectory {
  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = ".",
      description = "Directory to write into (default: ${DEFAULT-VALUE}).")
  Path directory;

  /** A new, empty set of files to write under DIR. */
  OutputTree tree() {
    return new OutputTree(directory);
  }
}
