package org.deltagen.maven;

import com.palantir.javapoet.JavaFile;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.deltagen.codegen.SourceEncoding;
import org.deltagen.codegen.TrainerGenerator;
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

  /**
   * The encoding of the generated sources: the project's. A character it cannot encode (the
   * notation's δ, η, ≤ in comments and messages) is written as a Unicode escape, which javac reads
   * as that character; in UTF-8 the class reads as written.
   */
  @Parameter(property = "deltagen.encoding", defaultValue = "${project.build.sourceEncoding}")
  private String encoding;

  /**
   * Whether the trainers carry {@code @javax.annotation.processing.Generated}: {@code auto} (yes,
   * unless the project's {@code module-info.java} does not read the module {@code java.compiler},
   * where javac would reject the annotation), {@code true} or {@code false}.
   */
  @Parameter(property = "deltagen.generatedAnnotation", defaultValue = "auto")
  private String generatedAnnotation;

  private ProjectClasses projectClasses;
  private TrainerGenerator.Options options;

  public GenerateMojo() {
    super("generate", "generated");
  }

  @Override
  void prepare() throws MojoFailureException {
    project.addCompileSourceRoot(outputDirectory.getPath());
    if (!List.of("auto", "true", "false").contains(generatedAnnotation)) {
      throw new MojoFailureException("deltagen: generatedAnnotation is " + Diagnostic.quote(generatedAnnotation)
          + "; expected one of: auto, true, false");
    }
    try {
      charset();
    } catch (IOException e) {
      throw new MojoFailureException("deltagen: " + e.getMessage() + "; set project.build.sourceEncoding (or"
          + " deltagen.encoding) to a charset name such as UTF-8");
    }
  }

  @Override
  void addSettings(Fingerprint digest) throws IOException {
    digest.add("outputDirectory", outputDirectory.getAbsolutePath())
        .add("check", String.valueOf(check))
        .add("encoding", charset().name())
        .add("generatedAnnotation", String.valueOf(options().generatedAnnotation()));
  }

  @Override
  TrainerGenerator.Options options() throws IOException {
    if (options == null) {
      options = new TrainerGenerator.Options(generatedAnnotation.equals("auto") ? readsJavaCompiler()
          : Boolean.parseBoolean(generatedAnnotation));
    }
    return options;
  }

  private boolean readsJavaCompiler() throws IOException {
    boolean reads = projectClasses().readJavaCompiler(charset());
    if (!reads) {
      getLog().info("deltagen: module-info.java does not read java.compiler, so the trainers carry no @Generated"
          + " (add 'requires static java.compiler;' to have it)");
    }
    return reads;
  }

  /** The sources' encoding; UTF-8 where the project names none (Maven would take the platform's). */
  private Charset charset() throws IOException {
    try {
      return encoding == null || encoding.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    } catch (IllegalArgumentException e) {
      throw new IOException("the encoding " + Diagnostic.quote(encoding) + " is not one this Java knows", e);
    }
  }

  @Override
  BuildPlan.Made make(SpecFile file, NetworkSpec spec) throws SpecException, MojoExecutionException {
    TrainerPipeline.Output result = checkedRun(file, spec, check);
    JavaFile source = result.source();
    Path target = outputDirectory.toPath()
        .resolve(source.packageName().replace('.', File.separatorChar))
        .resolve(source.typeSpec().name() + ".java");
    byte[] bytes;
    try {
      bytes = SourceEncoding.encode(source.toString(), charset());
    } catch (IOException e) {
      throw new MojoExecutionException("deltagen: " + e.getMessage(), e);
    }
    return new BuildPlan.Made(Map.of(target, bytes),
        outputDirectory.toPath().relativize(target) + " (" + spec.parameterCount() + " parameters)"
            + (result.check() == null ? ", not checked" : "; " + result.check()));
  }

  /** A trainer whose class the project already has is the spec's problem, not javac's "duplicate class". */
  @Override
  public List<Diagnostic> check(SpecFile file, Set<Path> outputs) {
    return projectClasses().collisions(file, outputs);
  }

  private ProjectClasses projectClasses() {
    if (projectClasses == null) {
      projectClasses = new ProjectClasses(project.getBasedir().toPath(), outputDirectory.toPath(),
          project.getCompileSourceRoots());
    }
    return projectClasses;
  }
}
