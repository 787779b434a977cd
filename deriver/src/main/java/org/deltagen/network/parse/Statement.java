package org.deltagen.network.parse;

import java.util.Arrays;
import java.util.List;
import org.deltagen.network.SpecKeyword;

/** The statements of a spec file, each with what its keyword needs and an example, for messages. */
enum Statement implements SpecKeyword {
  NETWORK("a class name", "network Xor"),
  PACKAGE("a package name", "package com.example.xor"),
  INPUT("the number of inputs", "input 2"),
  LAYER("a number of units and an activation", "layer 2 sigmoid"),
  LOSS("a named loss or an expression in y and d", "loss (y - d)^2"),
  BATCH("sum or mean", "batch sum"),
  OPTIMIZER("an optimizer", "optimizer sgd lr=0.1"),
  INIT("an initializer", "init normal seed=0"),
  CLIP("norm=<max global gradient norm>", "clip norm=1.0"),
  REGULARIZE("l1=<λ of the penalty λ Σ|w|>", "regularize l1=1e-4"),
  SCHEDULE("a learning-rate schedule", "schedule cosine period=100"),
  WARMUP("epochs=<n> and optionally start=<factor>", "warmup epochs=5 start=0.1"),
  PRECISION("double or float", "precision float");

  private final String needs;
  private final String example;

  Statement(String needs, String example) {
    this.needs = needs;
    this.example = example;
  }

  /** What must follow the keyword, e.g. "the number of inputs". */
  String needs() {
    return needs;
  }

  /** A correct statement of this kind, for hints. */
  String example() {
    return example;
  }

  /** Only layers stack; every other statement sets one property of the network. */
  boolean repeatable() {
    return this == LAYER;
  }

  /** The statement that starts with {@code keyword}, or null. */
  static Statement forKeyword(String keyword) {
    return SpecKeyword.forKeyword(Statement.class, keyword);
  }

  static List<String> keywords() {
    return Arrays.stream(values()).map(Statement::keyword).toList();
  }
}
