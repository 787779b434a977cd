package org.deltagen.cli;

import org.deltagen.codegen.GradientCheck;

/** A generated trainer failed its gradient check: a fault in deltagen, reported as such. */
final class CheckFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  CheckFailedException(String network, GradientCheck.Result result) {
    super("the generated trainer for " + network + " failed its check, which is a deltagen bug: " + result);
  }

  CheckFailedException(String message) {
    super(message);
  }
}
