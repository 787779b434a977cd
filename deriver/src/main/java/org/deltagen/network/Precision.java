package org.deltagen.network;

/** The floating-point type of a generated trainer's arrays. */
public enum Precision {
  /** double[]: IEEE 754 binary64. */
  DOUBLE("double"),
  /** float[]: IEEE 754 binary32, half the memory and twice the SIMD lanes; scalars stay double. */
  FLOAT("float");

  private final String keyword;

  Precision(String keyword) {
    this.keyword = keyword;
  }

  /** The keyword in spec files, also the Java primitive type. */
  public String keyword() {
    return keyword;
  }

  /** The entry called {@code keyword} in spec files, or null. */
  public static Precision forKeyword(String keyword) {
    for (Precision precision : values()) {
      if (precision.keyword.equals(keyword)) {
        return precision;
      }
    }
    return null;
  }
}
