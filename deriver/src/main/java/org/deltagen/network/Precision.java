package org.deltagen.network;

/** The floating-point type of a generated trainer's arrays; its keyword is also the Java type. */
public enum Precision implements SpecKeyword {
  /** double[]: IEEE 754 binary64. */
  DOUBLE,
  /** float[]: IEEE 754 binary32, half the memory and twice the SIMD lanes; scalars stay double. */
  FLOAT;

  /** The entry called {@code keyword} in spec files, or null. */
  public static Precision forKeyword(String keyword) {
    return SpecKeyword.forKeyword(Precision.class, keyword);
  }
}
