package org.deltagen.network;

/**
 * One array of an optimizer's state, a value per parameter: its field name in the generated
 * trainer, what it holds (for the javadoc), and the value every element starts at, with the option
 * that sets it (empty for an array that starts at zero).
 */
public record StateArray(String name, String holds, String initialOption, double initial) {
  static StateArray zeros(String name, String holds) {
    return new StateArray(name, holds, "", 0);
  }
}
