package org.deltagen.codegen;

import org.deltagen.network.SourceLocation;

/** Thrown when a derived expression uses a function deltagen cannot write as Java. */
final class UnsupportedExpressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SourceLocation location;

  UnsupportedExpressionException(String message) {
    this(message, null);
  }

  private UnsupportedExpressionException(String message, SourceLocation location) {
    super(message);
    this.location = location;
  }

  /** The same refusal, located at the spec text the expression came from. */
  UnsupportedExpressionException at(SourceLocation where) {
    return new UnsupportedExpressionException(getMessage(), where);
  }

  SourceLocation location() {
    return location;
  }
}
