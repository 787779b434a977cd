package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.MethodSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deltagen.derive.Derivation;
import org.deltagen.network.SpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The citations recorded while writing name, for every step, the first method whose javadoc or
 * body cites it: the same table a reader gets by searching the source for "(eq. N)", which this
 * test does as the independent reference.
 */
class CitationsTest {
  private static final Pattern CITATION = Pattern.compile("\\(eq\\. (\\d+)\\)");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "../cli/src/main/resources/org/deltagen/cli/xor.nn",
    "../generated-example/src/main/deltagen/iris.nn",
    "../benchmarks/src/main/deltagen/mnist.nn",
    "src/test/resources/org/deltagen/codegen/TrainerPipelineFuzzTestInputs/run/float-rmsprop.nn",
    "src/test/resources/org/deltagen/codegen/TrainerPipelineFuzzTestInputs/run/custom.nn",
  })
  void recordedCitationsAreThoseTheSourceShows(Path specFile) throws IOException, SpecException {
    Derivation derivation = Specs.derive(Specs.read(specFile));
    TrainerSource trainer = TrainerGenerator.write(derivation);

    Map<String, String> searched = searched(trainer, derivation);
    assertTrue(searched.containsKey("weight-gradient"), searched::toString);
    assertEquals(searched, trainer.citations().byLabel());
  }

  /** Step label → first method citing it, by reading the generated text back. */
  private static Map<String, String> searched(TrainerSource trainer, Derivation derivation) {
    Map<String, String> methods = new LinkedHashMap<>();
    for (MethodSpec method : trainer.file().typeSpec().methodSpecs()) {
      Matcher matcher = CITATION.matcher(method.javadoc().toString() + method.code());
      while (matcher.find()) {
        int number = Integer.parseInt(matcher.group(1));
        methods.putIfAbsent(derivation.steps().get(number - 1).label(), method.name() + "()");
      }
    }
    return methods;
  }
}
