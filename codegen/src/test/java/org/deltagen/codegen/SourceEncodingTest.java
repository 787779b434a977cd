package org.deltagen.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceEncodingTest {
  private static final String TEXT = "// δ^l_j: η ≤ 1, café\nString s = \"η must be positive\";\n";

  @Test
  void asciiEscapesEveryOtherCharacter() {
    assertEquals("// \\u03b4^l_j: \\u03b7 \\u2264 1, caf\\u00e9\nString s = \"\\u03b7 must be positive\";\n",
        new String(SourceEncoding.encode(TEXT, StandardCharsets.US_ASCII), StandardCharsets.US_ASCII));
  }

  @Test
  void latin1KeepsWhatItHasAndEscapesTheRest() {
    Charset latin1 = StandardCharsets.ISO_8859_1;
    assertEquals("// \\u03b4^l_j: \\u03b7 \\u2264 1, café\nString s = \"\\u03b7 must be positive\";\n",
        new String(SourceEncoding.encode(TEXT, latin1), latin1));
  }

  @Test
  void utf8IsTheTextAsWritten() {
    assertArrayEquals(TEXT.getBytes(StandardCharsets.UTF_8), SourceEncoding.encode(TEXT, StandardCharsets.UTF_8));
  }

  /** A character outside the BMP is two UTF-16 units, each its own escape, as javac reads them. */
  @Test
  void surrogatePairsAreEscapedUnitByUnit() {
    assertEquals("\\ud835\\udc31", new String(SourceEncoding.encode("𝐱", StandardCharsets.US_ASCII),
        StandardCharsets.US_ASCII));
  }
}
