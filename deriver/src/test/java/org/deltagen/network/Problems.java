package org.deltagen.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deltagen.network.parse.SpecParser;
import org.junit.jupiter.api.function.Executable;

/** The checks every diagnostics test makes: one problem, its code and place, what its text says. */
public final class Problems {
  private Problems() {}

  /** The one problem {@code action} reports; fails when it reports none or several. */
  public static Diagnostic single(Executable action) {
    SpecException e = assertThrows(SpecException.class, action);
    assertEquals(1, e.diagnostics().size(), e::getMessage);
    return e.diagnostics().get(0);
  }

  /** The one problem of the spec {@code text} read as {@code file}. */
  public static Diagnostic single(String file, String text) {
    return single(() -> SpecParser.parse(file, text));
  }

  /** The first of the problems {@code action} reports, for specs whose later lines may add more. */
  public static Diagnostic first(Executable action) {
    return assertThrows(SpecException.class, action).diagnostics().get(0);
  }

  /** Asserts the problem's code and place; returns it for the checks of its text. */
  public static Diagnostic assertAt(Diagnostic problem, ErrorCode code, SourceLocation location) {
    assertEquals(code, problem.code(), problem::toString);
    assertEquals(location, problem.location(), problem::toString);
    return problem;
  }

  /** Asserts the problem's code and line, where the column is not the point of the test. */
  public static Diagnostic assertOnLine(Diagnostic problem, ErrorCode code, int line) {
    assertEquals(code, problem.code(), problem::toString);
    assertEquals(line, problem.location().line(), problem::toString);
    return problem;
  }

  /** Asserts that {@code text} (a message, a hint) contains {@code part}, showing it when not. */
  public static void assertMentions(String part, String text) {
    assertTrue(text.contains(part), text);
  }

  /**
   * Checks a message or hint against a table cell: "x…" is a prefix of it, "…x…" a part, any other
   * text the whole of it, and an empty cell (null) is not checked.
   */
  public static void assertText(String expected, String actual) {
    if (expected == null) {
      return;
    }
    String core = expected.replace("…", "");
    if (expected.startsWith("…")) {
      assertTrue(actual.contains(core), actual);
    } else if (expected.endsWith("…")) {
      assertTrue(actual.startsWith(core), actual);
    } else {
      assertEquals(expected, actual);
    }
  }
}
