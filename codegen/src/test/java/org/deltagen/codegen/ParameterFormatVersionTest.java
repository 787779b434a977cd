package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Parameter format version 2 exists for batch norm's running statistics; every other trainer
 * still writes and reads version 1, so a file saved before version 2 loads as it did. {@code
 * reference/xor-version-1.dgparams} is such a file: the seed-000 XOR trainer after {@link #STEPS}
 * steps on {@link #XS}, saved with its optimizer state (SGD keeps none) by the code whose source
 * GoldenSourceTest pins, committed as bytes so that a later format change that breaks it fails here.
 */
class ParameterFormatVersionTest {
  static final double[][] XS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
  static final double[][] DS = {{0}, {1}, {1}, {0}};
  static final int STEPS = 3;

  @Test
  void aVersionOneFileSavedBeforeVersionTwoStillLoads() throws Exception {
    byte[] file;
    try (InputStream in = ParameterFormatVersionTest.class.getResourceAsStream("reference/xor-version-1.dgparams")) {
      file = in.readAllBytes();
    }
    assertEquals(PersistenceWriter.VERSION, (file[8] << 8) | file[9], "the committed file's version");
    GeneratedTrainer trained = GeneratedTrainer.of(Specs.xor());
    for (int t = 0; t < STEPS; t++) {
      trained.call("step", XS, DS);
    }
    GeneratedTrainer loaded = trained.another();
    loaded.call("load", new ByteArrayInputStream(file));
    assertArrayEquals((double[]) trained.call("parameters"), (double[]) loaded.call("parameters"));
    java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
    loaded.call("save", again, true);
    assertArrayEquals(file, again.toByteArray(), "the XOR trainer still writes version 1, byte for byte");
  }
}
