package org.deltagen.codegen;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What code prints to System.err, for the tests of the listeners' default warnings. */
final class StandardError {
  interface Action {
    void run() throws Exception;
  }

  private StandardError() {}

  /** Runs {@code action} with System.err captured; returns what it printed there. */
  static String during(Action action) throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
