package org.deltagen.network;

/** A position in a spec file, 1-based, as editors and compilers print it. */
public record SourceLocation(String file, int line, int column) {

  /** The location of values that come from the Java builder rather than from a file. */
  public static SourceLocation builder(String what) {
    return new SourceLocation("NetworkSpec.builder()." + what, 0, 0);
  }

  public SourceLocation {
    if (file == null || file.isEmpty()) {
      throw new IllegalArgumentException("file must be named");
    }
  }

  /** The location {@code offset} characters further along the same line. */
  public SourceLocation plusColumns(int offset) {
    return line == 0 ? this : new SourceLocation(file, line, column + offset);
  }

  @Override
  public String toString() {
    return line == 0 ? file : file + ":" + line + ":" + column;
  }
}
