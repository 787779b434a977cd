package org.deltagen.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.deltagen.codegen.OutputFiles;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.SpecException;

/**
 * One run of a goal, all or nothing: every spec whose inputs changed is made in memory, every
 * spec's outputs (new or kept) are checked, and only when no spec has a problem is anything
 * written or deleted. A run that stops halfway through writing leaves the specs it was making
 * marked as stale in the build state, so that the next run makes them again.
 */
final class BuildPlan {
  /** What a goal made of one spec: the files to write and their bytes, and a line for the log. */
  record Made(Map<Path, byte[]> files, String summary) {
    Made {
      files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }
  }

  /** The goal's part: making a spec's outputs and checking them against the project. */
  interface Goal {
    /**
     * Makes the outputs of {@code file} in memory.
     *
     * @throws SpecException when the spec has problems, which are the user's to fix
     * @throws MojoExecutionException when deltagen fails on a valid spec, which is deltagen's fault
     */
    Made make(SpecFile file) throws SpecException, MojoExecutionException;

    /** The problems of {@code outputs} in the project, such as a class it already has; none by default. */
    default List<Diagnostic> check(SpecFile file, Set<Path> outputs) {
      return List.of();
    }
  }

  private final BuildState state;
  private final Goal goal;
  private final Map<SpecFile, String> digests = new LinkedHashMap<>();
  private final Map<SpecFile, Made> made = new LinkedHashMap<>();
  private final Map<Path, SpecFile> owners = new HashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final List<MojoExecutionException> faults = new ArrayList<>();
  private int specsWithProblems;
  private int upToDate;

  BuildPlan(BuildState state, Goal goal) {
    this.state = state;
    this.goal = goal;
  }

  /**
   * Adds a spec: kept when {@code digest} is the last run's and its files are all there, else made.
   * A fault of deltagen on one spec is kept for the end, so that the other specs' problems are
   * still found and reported.
   */
  void add(SpecFile file, String digest) {
    digests.put(file, digest);
    List<String> found = new ArrayList<>();
    Set<Path> outputs = keptOrMade(file, digest, found);
    goal.check(file, outputs).forEach(diagnostic -> found.add(file.format(diagnostic)));
    for (Path output : outputs) {
      SpecFile owner = owners.putIfAbsent(output, file);
      if (owner != null) {
        found.add(file.spec() + ": makes " + output + ", as " + owner.name()
            + " does; give the networks different names or packages");
      }
    }
    problems.addAll(found);
    specsWithProblems += found.isEmpty() ? 0 : 1;
  }

  /** The files the spec will have: its last run's when up to date, else what it makes now (none on a problem). */
  private Set<Path> keptOrMade(SpecFile file, String digest, List<String> found) {
    BuildState.Entry last = state.get(file.name());
    if (last != null && last.upToDate(digest)) {
      upToDate++;
      return Set.copyOf(last.outputs());
    }
    try {
      Made result = goal.make(file);
      made.put(file, result);
      return result.files().keySet();
    } catch (SpecException e) {
      e.diagnostics().forEach(diagnostic -> found.add(file.format(diagnostic)));
    } catch (MojoExecutionException e) {
      faults.add(e);
    }
    return Set.of();
  }

  /** Every problem found, each a line as a compiler prints it; nothing may be written unless it is empty. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** deltagen's own faults, one per spec it failed on; nothing may be written unless there are none. */
  List<MojoExecutionException> faults() {
    return List.copyOf(faults);
  }

  /** How many specs have problems. */
  int specsWithProblems() {
    return specsWithProblems;
  }

  /** How many specs were added. */
  int specs() {
    return digests.size();
  }

  /** How many specs were kept as the last run made them. */
  int upToDate() {
    return upToDate;
  }

  /** How many specs were made anew. */
  int made() {
    return made.size();
  }

  /** The specs of the last run that are no longer specs. */
  private List<String> vanished() {
    Set<String> current = new HashSet<>();
    digests.keySet().forEach(file -> current.add(file.name()));
    return state.specs().stream().filter(spec -> !current.contains(spec)).toList();
  }

  /** True when the run has nothing to write or delete. */
  boolean unchanged() {
    return made.isEmpty() && vanished().isEmpty();
  }

  /**
   * Writes every made file and deletes what specs no longer make; only once {@link #problems()}
   * is empty. The specs being made are first marked stale in the saved state, so that a run that
   * stops halfway leaves none of them looking up to date.
   */
  void commit(Log log) throws IOException {
    List<String> vanished = vanished();
    List<Path> superseded = new ArrayList<>();
    for (SpecFile file : made.keySet()) {
      BuildState.Entry last = state.get(file.name());
      if (last != null) {
        superseded.addAll(last.outputs());
        state.put(file.name(), last.invalidated());
      }
    }
    vanished.forEach(spec -> superseded.addAll(state.get(spec).outputs()));
    state.save();
    for (Path output : superseded) {
      if (!owners.containsKey(output) && Files.deleteIfExists(output)) {
        log.debug("deltagen: deleted " + output);
      }
    }
    for (var entry : made.entrySet()) {
      write(entry.getKey(), entry.getValue(), log);
    }
    for (String spec : vanished) {
      state.remove(spec);
      log.info("deltagen: removed the outputs of " + spec + ", which is no longer a spec");
    }
    state.save();
  }

  private void write(SpecFile file, Made result, Log log) throws IOException {
    for (var output : result.files().entrySet()) {
      OutputFiles.write(output.getKey(), output.getValue());
    }
    state.put(file.name(), new BuildState.Entry(digests.get(file), List.copyOf(result.files().keySet())));
    log.info("deltagen: " + file.name() + " -> " + result.summary());
  }
}
