package org.deltagen.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.DirectoryScanner;
import org.deltagen.codegen.OutOfHeap;
import org.deltagen.codegen.TrainerGenerator;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.codegen.Version;
import org.deltagen.derive.Deriver;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.JavaNames;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;

/**
 * What both goals share: finding the specs, skipping those whose inputs have not changed since the
 * last run, and telling the user's problems from deltagen's: every problem a spec causes is logged
 * as {@code file:line:col: DGnnn message} and fails the build ({@link MojoFailureException}), with
 * nothing written; only a fault of deltagen on a valid spec is a {@link MojoExecutionException}.
 */
abstract class AbstractDeltagenMojo extends AbstractMojo implements BuildPlan.Goal {
  /** Symja is not thread-safe: one goal at a time in a parallel build ({@code -T}). */
  private static final Object SYMJA = new Object();
  /** The parameters from which a network's stages are said as they start. */
  private static final long BIG = 1_000_000;

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

  /** The goal's name, which also names its state file. */
  private final String goal;

  /** What the goal makes of a spec, in the log's summary lines: "generated", "rendered". */
  private final String verb;

  private TrainerPipeline pipeline;

  AbstractDeltagenMojo(String goal, String verb) {
    this.goal = goal;
    this.verb = verb;
  }

  /**
   * Called before anything else when the goal is not skipped, even when everything is up to date.
   *
   * @throws MojoFailureException when the goal's configuration is wrong, which is the user's to fix
   */
  void prepare() throws MojoFailureException {}

  /**
   * How the goal's trainers are written; null when any way will do, because the goal uses only
   * the derivation and the check (then a trainer made earlier in the build serves, however written).
   */
  TrainerGenerator.Options options() throws IOException {
    return null;
  }

  /** Adds the goal's own settings that change its output to a spec's digest. */
  abstract void addSettings(Fingerprint digest) throws IOException;

  /**
   * Makes the outputs of {@code spec}, in memory: the files to write and their bytes.
   *
   * @throws SpecException when the spec has problems, which are the user's to fix
   * @throws MojoExecutionException when deltagen fails on a valid spec, which is deltagen's fault
   */
  abstract BuildPlan.Made make(SpecFile file, NetworkSpec spec) throws SpecException, MojoExecutionException;

  /** Reads the spec and makes its outputs; running out of memory on it is the spec's problem, not a fault. */
  @Override
  public final BuildPlan.Made make(SpecFile file) throws SpecException, MojoExecutionException {
    NetworkSpec spec = null;
    try {
      spec = file.read(packageName);
      return make(file, spec);
    } catch (SpecException e) {
      if (OutOfHeap.causedBy(e)) {
        pipeline = null; // the engine stopped halfway: start afresh for the next spec
      }
      throw e;
    } catch (OutOfMemoryError | RuntimeException e) {
      if (OutOfHeap.causedBy(e)) { // beyond the pipeline: reading the spec, rendering its report
        pipeline = null;
        throw OutOfHeap.problem(file.name(), spec, Runtime.getRuntime().maxMemory(), e);
      }
      throw new MojoExecutionException("deltagen failed on " + file.spec() + ", which is a deltagen bug: " + e, e);
    }
  }

  /**
   * Derives and generates the trainer of {@code spec} and, with {@code check}, compiles and
   * gradient-checks it. The pipeline starts on first use, so an up-to-date build never starts Symja.
   */
  TrainerPipeline.Output checkedRun(SpecFile file, NetworkSpec spec, boolean check)
      throws SpecException, MojoExecutionException {
    TrainerGenerator.Options options;
    try {
      options = options();
    } catch (IOException e) {
      throw new MojoExecutionException("deltagen: cannot read the project's module-info.java: " + e.getMessage(), e);
    }
    TrainerPipeline.Output result = CheckedTrainers.find(file, spec, check, options);
    if (result != null) {
      getLog().info("deltagen: " + file.name() + ": the trainer as " + (result.check() == null ? "derived" : "derived and checked")
          + " earlier in this build");
    } else {
      if (pipeline == null) {
        SymjaLogging.quiet();
        pipeline = new TrainerPipeline(new Deriver(), options == null ? TrainerGenerator.Options.DEFAULT : options);
      }
      result = pipeline.run(spec, check, progress(file, spec));
      CheckedTrainers.keep(file, spec, result, options == null ? TrainerGenerator.Options.DEFAULT : options);
    }
    if (!result.passed()) {
      throw new MojoExecutionException("deltagen: the generated trainer for " + file.spec()
          + " failed its gradient check, which is a deltagen bug: " + result.check());
    }
    return result;
  }

  /**
   * Says each stage of a big network's run as it starts (deriving, compiling, checking a net of
   * millions of parameters takes seconds to minutes); a small one's stages go to the debug log.
   */
  private TrainerPipeline.Progress progress(SpecFile file, NetworkSpec spec) {
    boolean big = spec.parameterCount() >= BIG;
    return stage -> {
      String line = "deltagen: " + file.name() + ": " + stage.doing()
          + (stage == TrainerPipeline.Stage.DERIVE ? " (" + spec.parameterCount() + " parameters)" : "");
      if (big) {
        getLog().info(line);
      } else {
        getLog().debug(line);
      }
    };
  }

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("deltagen: skipped (deltagen.skip)");
      return;
    }
    prepare();
    if (packageName != null && !packageName.isEmpty() && JavaNames.packageProblem(packageName) != null) {
      throw new MojoFailureException("deltagen: packageName " + Diagnostic.quote(packageName) + " "
          + JavaNames.packageProblem(packageName) + "; use dot-separated ASCII identifiers outside java and javax");
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
      getLog().info("deltagen: no specs: " + sourceDirectory + " does not exist");
      return List.of();
    }
    DirectoryScanner scanner = new DirectoryScanner();
    scanner.setBasedir(sourceDirectory);
    scanner.setIncludes(includes.toArray(String[]::new));
    scanner.setExcludes(excludes == null ? null : excludes.toArray(String[]::new));
    scanner.scan();
    String[] found = scanner.getIncludedFiles();
    if (found.length == 0) {
      getLog().warn("deltagen: no specs: nothing in " + sourceDirectory + " matches the includes " + includes
          + (excludes == null || excludes.isEmpty() ? "" : " less the excludes " + excludes));
    }
    Arrays.sort(found);
    return Arrays.stream(found).map(relative -> SpecFile.at(directory, relative)).toList();
  }

  private void run(List<SpecFile> specs) throws IOException, MojoExecutionException, MojoFailureException {
    BuildPlan plan = new BuildPlan(BuildState.load(stateDirectory.toPath().resolve(goal + ".properties")), this);
    String settings = settings();
    for (SpecFile spec : specs) {
      plan.add(spec, digest(settings, spec));
    }
    if (!plan.problems().isEmpty() || !plan.faults().isEmpty()) {
      fail(plan);
    }
    if (!plan.unchanged()) {
      plan.commit(getLog());
    }
    if (plan.made() > 0) {
      getLog().info("deltagen: " + verb + " " + count(plan.made()) + ", " + plan.upToDate() + " up to date");
    } else if (!specs.isEmpty()) {
      getLog().info("deltagen: " + count(plan.upToDate()) + " up to date, nothing " + verb);
    }
  }

  /** Logs every problem, says that nothing was written, and fails: with deltagen's fault when there was one. */
  private void fail(BuildPlan plan) throws MojoExecutionException, MojoFailureException {
    List<String> problems = plan.problems();
    List<MojoExecutionException> faults = plan.faults();
    problems.forEach(getLog()::error);
    getLog().error("deltagen: " + plan.specsWithProblems() + " of " + count(plan.specs())
        + (plan.specsWithProblems() == 1 ? " has" : " have") + " problems"
        + (faults.isEmpty() ? "" : " and deltagen failed on " + faults.size())
        + ", so nothing was " + verb + " or written");
    if (!faults.isEmpty()) {
      throw faults.size() == 1 ? faults.get(0) : new MojoExecutionException(
          String.join("\n", faults.stream().map(Throwable::getMessage).toList()), faults.get(0));
    }
    throw new MojoFailureException("deltagen: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
        + " in the specs:\n" + String.join("\n", problems));
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
}
