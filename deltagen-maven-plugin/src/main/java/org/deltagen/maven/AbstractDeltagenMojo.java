package org.deltagen.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.DirectoryScanner;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.codegen.Version;
import org.deltagen.derive.Deriver;
import org.deltagen.spec.NetworkSpec;
import org.deltagen.spec.SpecException;

/**
 * What both goals share: finding the specs, skipping those whose inputs have not changed since the
 * last run, reporting every spec error as {@code file:line:col: DGnnn message} before failing the
 * build, and writing each spec's outputs only once all of them have been made.
 */
abstract class AbstractDeltagenMojo extends AbstractMojo {
  /** Symja is not thread-safe: one goal at a time in a parallel build ({@code -T}). */
  private static final Object SYMJA = new Object();

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  /** The directory searched for {@code .nn} specs. */
  @Parameter(property = "deltagen.sourceDirectory", defaultValue = "${project.basedir}/src/main/deltagen")
  private File sourceDirectory;

  /** Ant-style patterns, relative to {@link #sourceDirectory}, of the specs to use. */
  @Parameter(property = "deltagen.includes", defaultValue = "**/*.nn")
  private List<String> includes;

  /** Ant-style patterns of specs to leave out. */
  @Parameter(property = "deltagen.excludes")
  private List<String> excludes;

  /** The package of the classes of specs that have no {@code package} statement; unnamed when not set. */
  @Parameter(property = "deltagen.packageName")
  private String packageName;

  /** Skips the goal. */
  @Parameter(property = "deltagen.skip", defaultValue = "false")
  private boolean skip;

  /** Where the digests of the last run's inputs are kept. */
  @Parameter(defaultValue = "${project.build.directory}/deltagen", readonly = true, required = true)
  private File stateDirectory;

  private TrainerPipeline pipeline;

  /** The goal's name, which also names its state file. */
  abstract String goal();

  /** What the goal makes of a spec, in the log's summary line: "generated", "rendered". */
  abstract String verb();

  /** Called before anything else when the goal is not skipped, even when everything is up to date. */
  void prepare() {}

  /** Adds the goal's own settings that change its output to a spec's digest. */
  abstract void addSettings(Fingerprint digest) throws IOException;

  /**
   * Makes the outputs of {@code spec}, in memory: the files to write and their bytes.
   *
   * @throws SpecException when the spec has problems, which are the user's to fix
   * @throws MojoExecutionException when deltagen fails on a valid spec, which is deltagen's fault
   */
  abstract Map<Path, byte[]> make(SpecFile file, NetworkSpec spec) throws SpecException, MojoExecutionException;

  /**
   * Derives and generates the trainer of {@code spec} and, with {@code check}, compiles and
   * gradient-checks it. The pipeline starts on first use, so an up-to-date build never starts Symja.
   */
  TrainerPipeline.Output checkedRun(SpecFile file, NetworkSpec spec, boolean check)
      throws SpecException, MojoExecutionException {
    if (pipeline == null) {
      pipeline = new TrainerPipeline(new Deriver());
    }
    TrainerPipeline.Output result = pipeline.run(spec, check);
    if (!result.passed()) {
      throw new MojoExecutionException("deltagen: the generated trainer for " + file.spec()
          + " failed its gradient check, which is a deltagen bug: " + result.check());
    }
    return result;
  }

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("deltagen: skipped (deltagen.skip)");
      return;
    }
    prepare();
    if (packageName != null && !SourceVersion.isName(packageName)) {
      throw new MojoFailureException("deltagen: packageName '" + packageName + "' is not a valid Java package name");
    }
    List<SpecFile> specs = scan();
    try {
      synchronized (SYMJA) {
        run(specs);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("deltagen: " + e.getMessage(), e);
    }
  }

  private List<SpecFile> scan() {
    Path directory = sourceDirectory.toPath();
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    DirectoryScanner scanner = new DirectoryScanner();
    scanner.setBasedir(sourceDirectory);
    scanner.setIncludes(includes.toArray(String[]::new));
    scanner.setExcludes(excludes == null ? null : excludes.toArray(String[]::new));
    scanner.scan();
    String[] found = scanner.getIncludedFiles();
    Arrays.sort(found);
    return Arrays.stream(found).map(relative -> SpecFile.at(directory, relative)).toList();
  }

  private void run(List<SpecFile> specs) throws IOException, MojoExecutionException, MojoFailureException {
    BuildState state = BuildState.load(stateDirectory.toPath().resolve(goal() + ".properties"));
    boolean removed = removeVanished(state, specs);
    String settings = settings();
    Map<SpecFile, String> stale = new LinkedHashMap<>();
    for (SpecFile spec : specs) {
      String digest = digest(settings, spec);
      BuildState.Entry last = state.get(spec.name());
      if (last == null || !last.upToDate(digest)) {
        stale.put(spec, digest);
      }
    }
    int upToDate = specs.size() - stale.size();
    if (stale.isEmpty()) {
      if (removed) {
        state.save();
      }
      getLog().info(specs.isEmpty() ? "deltagen: no specs in " + sourceDirectory
          : "deltagen: " + count(upToDate) + " up to date, nothing " + verb());
      return;
    }
    List<String> problems = new ArrayList<>();
    int failed = 0;
    try {
      for (var entry : stale.entrySet()) {
        List<String> found = makeAndWrite(entry.getKey(), entry.getValue(), state);
        problems.addAll(found);
        failed += found.isEmpty() ? 0 : 1;
      }
    } finally {
      state.save();
    }
    getLog().info("deltagen: " + verb() + " " + count(stale.size() - failed) + ", " + upToDate + " up to date"
        + (failed == 0 ? "" : ", " + failed + " with problems"));
    if (!problems.isEmpty()) {
      throw new MojoFailureException("deltagen: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
          + " in the specs:\n" + String.join("\n", problems));
    }
  }

  /** Makes one spec's outputs and writes them; returns its problems, each also logged as an error. */
  private List<String> makeAndWrite(SpecFile file, String digest, BuildState state)
      throws IOException, MojoExecutionException, MojoFailureException {
    Map<Path, byte[]> outputs;
    try {
      outputs = make(file, file.read(packageName));
    } catch (SpecException e) {
      List<String> problems = e.diagnostics().stream().map(file::format).toList();
      problems.forEach(getLog()::error);
      return problems;
    } catch (RuntimeException e) {
      throw new MojoExecutionException("deltagen failed on " + file.spec() + ", which is a deltagen bug: " + e, e);
    }
    for (Path output : outputs.keySet()) {
      String owner = state.ownerOtherThan(file.name(), output);
      if (owner != null) {
        throw new MojoFailureException("deltagen: " + file.spec() + " and " + owner + " both make " + output
            + "; give the networks different names or packages");
      }
    }
    for (var output : outputs.entrySet()) {
      OutputFiles.write(output.getKey(), output.getValue());
    }
    BuildState.Entry last = state.get(file.name());
    if (last != null) {
      deleteAll(last.outputs(), outputs.keySet());
    }
    state.put(file.name(), new BuildState.Entry(digest, List.copyOf(outputs.keySet())));
    return List.of();
  }

  /** Removes what specs that no longer exist (or are now excluded) made; true when there were any. */
  private boolean removeVanished(BuildState state, List<SpecFile> specs) throws IOException {
    Set<String> current = new HashSet<>();
    specs.forEach(spec -> current.add(spec.name()));
    boolean removed = false;
    for (String gone : state.specs()) {
      if (!current.contains(gone)) {
        deleteAll(state.remove(gone).outputs(), Set.of());
        getLog().info("deltagen: removed the outputs of " + gone + ", which is no longer a spec");
        removed = true;
      }
    }
    return removed;
  }

  private void deleteAll(List<Path> outputs, Set<Path> keep) throws IOException {
    for (Path output : outputs) {
      if (!keep.contains(output) && Files.deleteIfExists(output)) {
        getLog().debug("deltagen: deleted " + output);
      }
    }
  }

  /** Everything besides the spec itself that a spec's output depends on. */
  private String settings() throws IOException {
    Fingerprint digest = new Fingerprint()
        .add("deltagen", Version.get())
        .add("plugin", plugin.getVersion())
        .add("packageName", packageName);
    for (Artifact artifact : deltagenArtifacts()) {
      digest.addTree(artifact.getArtifactId(), artifact.getFile() == null ? null : artifact.getFile().toPath());
    }
    addSettings(digest);
    return digest.hex();
  }

  /** The plugin's own jar and deltagen's modules: what generates, so a change to them regenerates. */
  private List<Artifact> deltagenArtifacts() {
    List<Artifact> artifacts = new ArrayList<>(plugin.getArtifacts());
    artifacts.add(plugin.getPluginArtifact());
    return artifacts.stream()
        .filter(artifact -> artifact.getGroupId().equals(plugin.getGroupId()))
        .sorted((a, b) -> a.getArtifactId().compareTo(b.getArtifactId()))
        .distinct()
        .toList();
  }

  /** The digest of a spec's inputs; a spec that cannot be read has none, so reading it reports why. */
  private static String digest(String settings, SpecFile spec) {
    byte[][] contents;
    try {
      contents = spec.contents();
    } catch (IOException e) {
      return "unreadable";
    }
    return new Fingerprint()
        .add("settings", settings)
        .add("spec", spec.name())
        .add("spec contents", contents[0])
        .add("parameters", spec.parameters() == null ? null : spec.parametersName())
        .add("parameters contents", contents[1])
        .hex();
  }

  private static String count(int specs) {
    return specs + (specs == 1 ? " spec" : " specs");
  }

  /** Logs what was made of a spec, {@code deltagen: xor.nn -> …}. */
  void logMade(SpecFile file, String what) {
    getLog().info("deltagen: " + file.name() + " -> " + what);
  }
}
