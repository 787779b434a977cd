package org.deltagen.network;

import java.util.Locale;

/**
 * A constant that spec files name. Its keyword is its name in lower case with '-' for '_'
 * (LEAKY_RELU is leaky-relu), so the constant and the word cannot drift apart.
 */
public interface SpecKeyword {
  /** The constant's name, as {@link Enum#name()} gives it. */
  String name();

  /** The word spec files use for this constant. */
  default String keyword() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant of {@code type} that spec files call {@code keyword}, or null. */
  static <E extends Enum<E> & SpecKeyword> E forKeyword(Class<E> type, String keyword) {
    for (E constant : type.getEnumConstants()) {
      if (constant.keyword().equals(keyword)) {
        return constant;
      }
    }
    return null;
  }
}
