package org.deltagen.codegen;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * A generated class's text as the bytes of the project's source encoding. Its comments and
 * messages use the notation's letters (δ, η, Σ, ≤); a project that compiles with {@code -encoding
 * US-ASCII} would reject them, and one in ISO-8859-1 would print them as mojibake. Every character
 * the encoding lacks is written as the Unicode escape {@code \\uXXXX}, which javac reads as that
 * character wherever it stands (JLS §3.3), so the class means the same in every encoding and reads
 * as written in UTF-8.
 */
public final class SourceEncoding {
  private SourceEncoding() {}

  /** {@code text} in {@code charset}, with the characters it cannot encode as Unicode escapes. */
  public static byte[] encode(String text, Charset charset) {
    CharsetEncoder encoder = charset.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80 || encoder.canEncode(c)) {
        escaped.append(c);
      } else {
        escaped.append(String.format("\\u%04x", (int) c));
      }
    }
    try {
      ByteBuffer bytes = encoder.reset().encode(CharBuffer.wrap(escaped));
      byte[] out = new byte[bytes.remaining()];
      bytes.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("every character left is encodable in " + charset, e);
    }
  }
}
