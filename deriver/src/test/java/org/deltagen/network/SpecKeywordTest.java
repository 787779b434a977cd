package org.deltagen.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words spec files use, derived from the constants' names, are exactly the documented ones. */
class SpecKeywordTest {
  @Test
  void activationKeywords() {
    assertKeywords(NamedActivation.class, "identity", "sigmoid", "tanh", "relu", "leaky-relu", "prelu", "softplus", "gelu",
        "gelu-tanh", "silu", "softsign", "elu", "rbf", "softmax");
  }

  @Test
  void lossKeywords() {
    assertKeywords(NamedLoss.class, "half-sse", "sse", "mse", "cross-entropy", "binary-cross-entropy", "huber");
  }

  @Test
  void batchAndPrecisionKeywords() {
    assertKeywords(BatchReduction.class, "sum", "mean");
    assertKeywords(Precision.class, "double", "float");
  }

  @Test
  void aWordNoConstantHasIsNull() {
    assertNull(NamedActivation.forKeyword("leaky_relu"));
    assertNull(NamedLoss.forKeyword("HUBER"));
    assertNull(Precision.forKeyword(""));
  }

  /** Each constant's keyword, in order, and each keyword finds its constant again. */
  private static <E extends Enum<E> & SpecKeyword> void assertKeywords(Class<E> type, String... keywords) {
    E[] constants = type.getEnumConstants();
    assertEquals(List.of(keywords), Arrays.stream(constants).map(SpecKeyword::keyword).toList());
    for (E constant : constants) {
      assertEquals(constant, SpecKeyword.forKeyword(type, constant.keyword()));
    }
  }
}
