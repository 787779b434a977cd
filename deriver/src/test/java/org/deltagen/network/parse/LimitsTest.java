package org.deltagen.network.parse;

import static org.deltagen.network.Problems.assertAt;
import static org.deltagen.network.Problems.assertMentions;
import static org.deltagen.network.Problems.assertOnLine;
import static org.deltagen.network.Problems.first;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deltagen.network.Diagnostic;
import org.deltagen.network.ErrorCode;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SourceLocation;
import org.deltagen.network.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sizes a spec may ask for, and the values a named rule's parameters may take. */
class LimitsTest {
  private static String layers(int count) {
    return "network Deep\ninput 2\n" + "layer 1 identity\n".repeat(count) + "loss sse\n";
  }

  @Test
  void layerOneHundredTwentyNineIsRefusedOnItsLine() {
    Diagnostic problem = first(() -> SpecParser.parse("deep.nn", layers(129)));

    assertAt(problem, ErrorCode.DG019, new SourceLocation("deep.nn", 2 + 129, 1));
    assertMentions("at most 128 layers", problem.message());
  }

  @Test
  void ten000LayersAreOneErrorNotTenThousand() {
    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("deep.nn", layers(10_000)));

    assertEquals(1, e.diagnostics().size());
  }

  @Test
  void oneHundredTwentyEightLayersAreAccepted() {
    assertDoesNotThrow(() -> SpecParser.parse("deep.nn", layers(NetworkSpec.Builder.MAX_LAYERS)));
  }

  @Test
  void parametersBeyondTheLimitAreRefusedAtTheLayerThatCrossesIt() {
    // 8193 × 8192 = 67,117,056 weights and biases, just past 2^26.
    String spec = "network Wide\ninput 8192\nlayer 8192 identity\nloss sse\n";
    Diagnostic problem = first(() -> SpecParser.parse("wide.nn", spec));

    assertOnLine(problem, ErrorCode.DG019, 3);
    assertMentions("67117056 parameters by this layer, more than 67108864", problem.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "0"})
  void hubersDeltaMustBePositive(String delta) {
    String spec = "network Net\ninput 2\nlayer 1 identity\nloss huber(delta=" + delta + ")\n";
    Diagnostic problem = first(() -> SpecParser.parse("net.nn", spec));

    assertOnLine(problem, ErrorCode.DG016, 4);
    assertMentions("huber's delta must be positive", problem.message());
  }

  @Test
  void aMegabyteUnknownTokenIsQuotedShortAndInvisibleCharactersAreShown() {
    String spec = "network Net\ninput 2\n" + "x".repeat(1 << 20) + "\nlayer 1 identity\nlay\u202Eer 2 tanh\nloss sse\n";
    SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse("net.nn", spec));

    assertEquals(2, e.diagnostics().size(), e.getMessage());
    assertTrue(e.diagnostics().get(0).toString().length() < 500, e.diagnostics().get(0).toString());
    assertTrue(e.diagnostics().get(1).message().contains("lay<U+202E>er"), e.diagnostics().get(1).message());
  }
}
