package org.deltagen.cli;

import java.nio.file.Path;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecFiles;
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
    SpecFiles files = SpecFiles.of(spec, spec.getFileName().toString());
    return (parameters == null ? files : files.withParameters(parameters, parameters.getFileName().toString())).read();
  }
}
