package org.example.latin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The trainer's message, as the JVM holds it: with the Greek letter, not its UTF-8 bytes read as Latin-1. */
class MessageTest {
  @Test
  void theLearningRatesMessageNamesEta() {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> new Tiny().setLearningRate(-1));
    assertEquals("\u03b7 must be positive and finite, not -1.0", refused.getMessage());
  }
}
