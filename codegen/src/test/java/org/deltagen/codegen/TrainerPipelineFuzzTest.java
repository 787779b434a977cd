package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.deltagen.network.NetworkSpec;
import org.deltagen.network.SpecException;
import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the whole path a spec takes: parse, derive, generate, compile in memory and
 * gradient-check. Whatever the spec, the pipeline returns a trainer that passes its own check or
 * throws a {@link SpecException}; any other exception, a failed check, or an input that takes
 * more than {@value #SECONDS} seconds is a finding.
 *
 * <p>An input is a spec's text (UTF-8), optionally after its file name and a NUL byte: the name
 * reaches the generated code's comments; without one the file is {@code fuzz.nn}. To keep an
 * execution well under a second, inputs over {@value #MAX_BYTES} bytes and specs of more than
 * {@value #MAX_LAYERS} layers or {@value #MAX_UNITS} units (inputs included) are passed over.
 * Seeds: {@code TrainerPipelineFuzzTestInputs/run/}; how to run it longer: README, "Fuzzing".
 */
class TrainerPipelineFuzzTest {
  static final int MAX_BYTES = 2048;
  static final int MAX_LAYERS = 4;
  static final int MAX_UNITS = 8;
  static final int SECONDS = 30;

  private static final TrainerPipeline PIPELINE = new TrainerPipeline(Specs.DERIVER);

  /** Starts Symja and javac, which take seconds, before the time limit applies to each input. */
  @BeforeAll
  static void startSymjaAndJavac() throws SpecException {
    PIPELINE.run(Specs.xor(), true);
  }

  @DictionaryFile(resourcePath = "/org/deltagen/network/parse/nn.dict")
  @FuzzTest(maxDuration = "30s")
  @Timeout(value = SECONDS, unit = TimeUnit.SECONDS)
  void run(byte[] input) {
    if (input.length > MAX_BYTES) {
      return;
    }
    int nul = indexOf(input, (byte) 0);
    // Every file has a name: an empty one stands for none.
    String fileName = nul <= 0 ? "fuzz.nn" : utf8(Arrays.copyOf(input, nul));
    String text = utf8(nul < 0 ? input : Arrays.copyOfRange(input, nul + 1, input.length));
    try {
      NetworkSpec spec = SpecParser.parse(fileName, text);
      if (small(spec)) {
        TrainerPipeline.Output output = PIPELINE.run(spec, true);
        assertTrue(output.passed(), () -> "the trainer failed its own gradient check: " + output.check());
      }
    } catch (SpecException refused) {
      // A located error is the pipeline's answer to a bad spec.
    }
  }

  private static boolean small(NetworkSpec spec) {
    if (spec.depth() > MAX_LAYERS || spec.inputs() > MAX_UNITS) {
      return false;
    }
    return spec.layers().stream().allMatch(layer -> layer.units() <= MAX_UNITS);
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
