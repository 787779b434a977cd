package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The update names every hyper-parameter it uses by the constant its descriptor gives, declared
 * once, as a person writes {@code (1 - BETA1) * gp}; StepBitsTest proves javac folds it to the
 * same bits as the literal it replaced.
 */
class HyperParameterConstantsTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
    "adam beta1=0.8 | double | private static final double BETA1 = 0.8 | (1 - BETA1) * gp | 0.19999999999999996 * gp",
    "adam beta1=0.8 | float | private static final double BETA1 = 0.8 | (float) (1 - BETA1) * gp | 0.2f * gp",
    "adamw | double | private static final double WEIGHT_DECAY = 0.01 | 1.0 - learningRate * decay | updateRange(0, PARAMETERS, 0.01, scale)",
    "rmsprop momentum=0.5 centered=true | double | private static final double MOMENTUM = 0.5 | (1 - ALPHA) * gp | 0.010000000000000009 * gp",
    "sgd momentum=0.9 dampening=0.25 | float | private static final double DAMPENING = 0.25 | (float) (1 - DAMPENING) * gp | 0.75f * gp",
    "adagrad initial-accumulator=0.5 lr-decay=0.1 | double | Arrays.fill(sum, INITIAL_ACCUMULATOR) | (steps - 1) * LEARNING_RATE_DECAY | fill(sum, 0.5)",
  })
  void theUpdateUsesNamedConstants(String optimizer, String precision, String declaration, String use, String literal)
      throws SpecException {
    NetworkSpec spec = SpecParser.parse("net.nn", String.join("\n", "network Net", "input 2", "layer 3 tanh",
        "layer 1 sigmoid", "loss half-sse", "optimizer " + optimizer, "precision " + precision));
    String source = Specs.generate(spec).toString();
    assertTrue(source.contains(declaration), declaration);
    assertTrue(source.contains(use), use);
    assertFalse(source.contains(literal), "the literal it replaced: " + literal);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"sgd, MOMENTUM", "rmsprop, MOMENTUM", "adagrad, INITIAL_ACCUMULATOR", "sgd, WEIGHT_DECAY"})
  void aConstantTheUpdateDoesNotUseIsNotDeclared(String optimizer, String constant) throws SpecException {
    NetworkSpec spec = SpecParser.parse("net.nn", String.join("\n", "network Net", "input 2", "layer 1 sigmoid",
        "loss half-sse", "optimizer " + optimizer));
    assertFalse(Specs.generate(spec).toString().contains(constant), constant);
  }
}
