package org.deltagen.maven;

import com.palantir.javapoet.JavaFile;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.deltagen.codegen.TrainerPipeline;
import org.deltagen.network.Diagnostic;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;

/**
 * Derives each spec's backpropagation and writes its trainer class into {@link #outputDirectory},
 * which it adds to the compile source roots. Each trainer is compiled in memory and
 * gradient-checked first, unless {@code deltagen.check=false}; specs whose inputs have not changed
 * since the last run are not generated again. A trainer whose class one of the project's other
 * compile source roots already declares is a problem of its spec (DG040).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractDeltagenMojo {
  /** Where the trainers are written, in their packages' folders. */
  @Parameter(property = "deltagen.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/deltagen")
  private File outputDirectory;

  /** Compiles each trainer in memory and checks its gradients against central differences. */
  @Parameter(property = "deltagen.check", defaultValue = "true")
  private boolean check;

  private ProjectClasses projectClasses;

  public GenerateMojo() {
    super("generate", "generated");
  }

  @Override
  void prepare() {
    project.addCompileSourceRoot(outputDirectory.getPath());
  }

  @Override
  void addSettings(Fingerprint digest) {
    digest.add("outputDirectory", outputDirectory.getAbsolutePath()).add("check", String.valueOf(check));
  }

  @Override
  BuildPlan.Made make(SpecFile file, NetworkSpec spec) throws SpecException, MojoExecutionException {
    TrainerPipeline.Output result = checkedRun(file, spec, check);
    JavaFile source = result.source();
    Path target = outputDirectory.toPath()
        .resolve(source.packageName().replace('.', File.separatorChar))
        .resolve(source.typeSpec().name() + ".java");
    return new BuildPlan.Made(Map.of(target, source.toString().getBytes(StandardCharsets.UTF_8)),
        outputDirectory.toPath().relativize(target) + " (" + spec.parameterCount() + " parameters)"
            + (result.check() == null ? ", not checked" : "; " + result.check()));
  }

  /** A trainer whose class the project already has is the spec's problem, not javac's "duplicate class". */
  @Override
  public List<Diagnostic> check(SpecFile file, Set<Path> outputs) {
    if (projectClasses == null) {
      projectClasses = new ProjectClasses(project.getBasedir().toPath(), outputDirectory.toPath(),
          project.getCompileSourceRoots());
    }
    return projectClasses.collisions(file, outputs);
  }
}
