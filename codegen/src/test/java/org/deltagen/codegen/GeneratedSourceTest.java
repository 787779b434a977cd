package org.deltagen.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.deltagen.network.Activation;
import org.deltagen.network.Initializer;
import org.deltagen.network.NamedActivation;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shape of a generated trainer: header, annotation, the public API of PRODUCT.md §4, names. */
class GeneratedSourceTest {

  @Test
  void fileCommentNamesTheSpecFileAndTheDeltagenVersion() throws SpecException {
    String version = Version.get();
    assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), "Maven filtered the version: " + version);
    String source = Specs.generate(Specs.xor()).toString();
    String firstLine = source.lines().findFirst().orElse("");
    assertTrue(firstLine.startsWith("//"), "the file opens with a comment: " + firstLine);
    assertTrue(firstLine.contains("deltagen " + version), "names deltagen " + version + ": " + firstLine);
    assertTrue(firstLine.contains("xor.nn"), "names the spec file: " + firstLine);
  }

  @Test
  void classIsPublicFinalAndGenerated() throws SpecException {
    JavaFile file = Specs.generate(Specs.xor());
    Class<?> trainerClass = InMemoryCompiler.compile(file);
    assertEquals("com.example.xor.Xor", trainerClass.getName());
    int modifiers = trainerClass.getModifiers();
    assertTrue(Modifier.isPublic(modifiers) && Modifier.isFinal(modifiers), "modifiers: " + Modifier.toString(modifiers));
    // @Generated is kept in the source only, so it is read from the type spec.
    List<AnnotationSpec> generated = file.typeSpec().annotations().stream()
        .filter(annotation -> annotation.type().toString().equals("javax.annotation.processing.Generated"))
        .toList();
    assertEquals(1, generated.size(), "annotations: " + file.typeSpec().annotations());
    AnnotationSpec annotation = generated.get(0);
    assertEquals("\"" + TrainerGenerator.class.getName() + "\"", annotation.members().get("value").get(0).toString());
    String comments = annotation.members().get("comments").get(0).toString();
    assertTrue(comments.contains(Version.get()) && comments.contains("xor.nn"), "@Generated comments: " + comments);
  }

  @Test
  void hasThePublicApi() throws Exception {
    Class<?> trainerClass = Specs.compile(Specs.xor());
    assertConstant(trainerClass, "INPUTS", 2);
    assertConstant(trainerClass, "OUTPUTS", 1);
    assertConstant(trainerClass, "PARAMETERS", 9);
    Constructor<?> constructor = trainerClass.getConstructor();
    assertTrue(Modifier.isPublic(constructor.getModifiers()), "public no-argument constructor");
    assertMethod(trainerClass, double[].class, "parameters");
    assertMethod(trainerClass, double[].class, "gradients");
    assertMethod(trainerClass, void.class, "predict", double[].class, double[].class);
    assertMethod(trainerClass, double.class, "loss", double[].class, double[].class);
    assertMethod(trainerClass, double.class, "backward", double[].class, double[].class);
    assertMethod(trainerClass, void.class, "zeroGradients");
    assertMethod(trainerClass, double.class, "step", double[][].class, double[][].class);
    assertMethod(trainerClass, void.class, "fit", double[][].class, double[][].class, int.class, int.class);
  }

  @Test
  void constantsFollowTheSpec() throws Exception {
    NetworkSpec spec = Specs.network("Sizes", 5)
        .layer(4, Activation.named(NamedActivation.TANH), false)
        .layer(3, Activation.named(NamedActivation.SIGMOID))
        .build();
    Class<?> trainerClass = Specs.compile(spec);
    assertConstant(trainerClass, "INPUTS", 5);
    assertConstant(trainerClass, "OUTPUTS", 3);
    // 5 × 4 without bias, (4 + 1) × 3 with
    assertConstant(trainerClass, "PARAMETERS", 35);
  }

  /**
   * A class named like a type the trainer uses shadows it inside its own body; the generator must
   * qualify those uses. Fails today for {@code Math}: the translator writes {@code Math.exp(…)}
   * literally, so the sigmoid calls the trainer's own (missing) {@code exp}.
   */
  @ParameterizedTest(name = "network {0}")
  @ValueSource(strings = {"Math", "System", "Arrays", "Random", "Double", "Listener", "String", "Files", "Path"})
  void networkNamedLikeAUsedTypeCompilesAndPassesTheGradientCheck(String name) throws SpecException {
    NetworkSpec spec = Specs.network(name, 2)
        .layer(2, Activation.named(NamedActivation.SIGMOID))
        .layer(1, Activation.named(NamedActivation.TANH))
        .build();
    JavaFile file = Specs.generate(spec);
    assertThat(compile(file)).succeededWithoutWarnings();
    GradientCheck.Result result = new GradientCheck(spec, 1e-6).run(new Trainer(InMemoryCompiler.compile(file)), 3L);
    assertTrue(result.passed(), result::toString);
  }

  @Test
  void defaultPackageWorks() throws SpecException {
    NetworkSpec spec = Specs.network("Plain", 2)
        .packageName("")
        .layer(2, Activation.named(NamedActivation.TANH))
        .build();
    JavaFile file = Specs.generate(spec);
    assertFalse(file.toString().contains("package "), "no package declaration:\n" + file);
    assertThat(compile(file)).succeededWithoutWarnings();
    Class<?> trainerClass = InMemoryCompiler.compile(file);
    assertEquals("Plain", trainerClass.getName());
    GradientCheck.Result result = new GradientCheck(spec, 1e-6).run(new Trainer(trainerClass), 4L);
    assertTrue(result.passed(), result::toString);
  }

  /**
   * InMemoryCompiler's CompilationException is "always a deltagen bug": a spec must either be
   * refused with a located SpecException or give a trainer that compiles. Fails today for NaN and
   * ±∞: the builder accepts them and the generator writes {@code Double.toString}'s "NaN" as a literal.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY})
  void nonFiniteExplicitParametersAreRefusedOrCompile(double value) throws SpecException {
    NetworkSpec spec;
    try {
      spec = Specs.network("NonFinite", 1)
          .layer(1, Activation.named(NamedActivation.IDENTITY), false)
          .initializer(new Initializer.Explicit(new double[] {value}, "a parameter file"))
          .build();
    } catch (SpecException refused) {
      return;
    }
    JavaFile file = Specs.generate(spec);
    assertThat(compile(file)).succeeded();
    double[] parameters = new Trainer(InMemoryCompiler.compile(file)).parameters();
    assertEquals(value, parameters[0], "the initial parameter");
  }

  private static Compilation compile(JavaFile file) {
    return Compiler.javac().withOptions("--release", "17", "-Xlint:all").compile(file.toJavaFileObject());
  }

  private static void assertConstant(Class<?> type, String name, int value) throws ReflectiveOperationException {
    Field field = type.getField(name);
    int modifiers = field.getModifiers();
    assertTrue(Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers),
        name + " is public static final: " + Modifier.toString(modifiers));
    assertEquals(int.class, field.getType(), name + "'s type");
    assertEquals(value, field.getInt(null), name);
  }

  private static void assertMethod(Class<?> type, Class<?> returns, String name, Class<?>... parameters)
      throws NoSuchMethodException {
    Method method = type.getMethod(name, parameters);
    int modifiers = method.getModifiers();
    assertTrue(Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers), name + " is a public instance method");
    assertEquals(returns, method.getReturnType(), name + "'s return type");
  }
}
