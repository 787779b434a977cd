package org.deltagen.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong generatedAnnotation or encoding fails the build as the user's mistake, before any spec is read. */
class GenerateMojoConfigurationTest {
  @TempDir Path basedir;

  private GenerateMojo configured(String generatedAnnotation, String encoding) throws ReflectiveOperationException {
    GenerateMojo mojo = new GenerateMojo();
    MavenProject project = new MavenProject();
    project.setFile(basedir.resolve("pom.xml").toFile());
    set(mojo, AbstractDeltagenMojo.class, "project", project);
    set(mojo, GenerateMojo.class, "outputDirectory", new File(basedir.toFile(), "target/generated-sources/deltagen"));
    set(mojo, GenerateMojo.class, "generatedAnnotation", generatedAnnotation);
    set(mojo, GenerateMojo.class, "encoding", encoding);
    return mojo;
  }

  private static void set(Object mojo, Class<?> declaring, String name, Object value)
      throws ReflectiveOperationException {
    Field field = declaring.getDeclaredField(name);
    field.setAccessible(true);
    field.set(mojo, value);
  }

  @Test
  void anUnknownGeneratedAnnotationValueIsRefused() throws Exception {
    MojoFailureException refused = assertThrows(MojoFailureException.class,
        () -> configured("maybe\u202e", "UTF-8").execute());
    assertEquals("deltagen: generatedAnnotation is " + org.deltagen.network.Diagnostic.quote("maybe\u202e")
        + "; expected one of: auto, true, false", refused.getMessage());
  }

  @Test
  void anUnknownEncodingIsRefused() throws Exception {
    MojoFailureException refused = assertThrows(MojoFailureException.class,
        () -> configured("auto", "klingon-8").execute());
    assertEquals("deltagen: the encoding 'klingon-8' is not one this Java knows; set project.build.sourceEncoding"
        + " (or deltagen.encoding) to a charset name such as UTF-8", refused.getMessage());
  }

  @Test
  void anIllegalCharsetNameIsRefusedAlike() throws Exception {
    MojoFailureException refused = assertThrows(MojoFailureException.class,
        () -> configured("auto", "UTF 8; rm -rf").execute());
    assertEquals(true, refused.getMessage().startsWith("deltagen: the encoding "), refused.getMessage());
  }
}
