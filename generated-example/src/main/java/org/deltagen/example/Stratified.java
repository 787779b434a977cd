package org.deltagen.example;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The examples' test sets: the same number of samples of every class, picked at random. */
public final class Stratified {
  private Stratified() {}

  /**
   * Which samples to hold out: of each class c ∈ 0 … {@code classes} − 1 in turn, {@code perClass}
   * of the samples labelled c, picked by shuffling them in file order with one generator seeded
   * with {@code seed}.
   */
  public static boolean[] heldOut(int[] labels, int classes, int perClass, long seed) {
    Random random = new Random(seed);
    boolean[] test = new boolean[labels.length];
    for (int c = 0; c < classes; c++) {
      List<Integer> samples = new ArrayList<>();
      for (int s = 0; s < labels.length; s++) {
        if (labels[s] == c) {
          samples.add(s);
        }
      }
      Collections.shuffle(samples, random);
      samples.subList(0, perClass).forEach(s -> test[s] = true);
    }
    return test;
  }
}
