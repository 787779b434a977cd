package org.deltagen.network.parse;

import java.util.Arrays;
import java.util.List;

/** The statements of a spec file, each with what its keyword needs and an example, for messages. */
enum Statement {
  NETWORK("network", "a class name", "network Xor"),
  PACKAGE("package", "a package name", "package com.example.xor"),
  INPUT("input", "the number of inputs", "input 2"),
  LAYER("layer", "a number of units and an activation", "layer 2 sigmoid"),
  LOSS("loss", "a named loss or an expression in y and d", "loss (y - d)^2"),
  BATCH("batch", "sum or mean", "batch sum"),
  OPTIMIZER("optimizer", "an optimizer", "optimizer sgd lr=0.1"),
  INIT("init", "an initializer", "init normal seed=0"),
  CLIP("clip", "norm=<max global gradient norm>", "clip norm=1.0"),
  SCHEDULE("schedule", "a learning-rate schedule", "schedule cosine period=100"),
  WARMUP("warmup", "epochs=<n> and optionally start=<factor>", "warmup epochs=5 start=0.1"),
  PRECISION("precision", "double or float", "precision float");

  private final String keyword;
  private final String needs;
  private final String example;

  Statement(String keyword, String needs, String example) {
    this.keyword = keyword;
    this.needs = needs;
    this.example = example;
  }

  String keyword() {
    return keyword;
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
    for (Statement statement : values()) {
      if (statement.keyword.equals(keyword)) {
        return statement;
      }
    }
    return null;
  }

  static List<String> keywords() {
    return Arrays.stream(values()).map(Statement::keyword).toList();
  }
}
