package org.deltagen.network;

import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * The names a spec may give its class and package: plain ASCII Java identifiers that are neither
 * keywords nor restricted identifiers, short enough for every file system, in packages outside the
 * JDK's own. Anything else would fail to compile, shadow the JDK or hide in look-alike Unicode.
 */
public final class JavaNames {
  /** Longest class name or package part; with its package folders a path stays under 255 bytes. */
  public static final int MAX_LENGTH = 128;

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * Identifiers that are keywords only in places (var, yield, record, sealed, permits, when) or in
   * module declarations: legal as some names, but none is a usable class name on Java 17+.
   */
  private static final Set<String> RESTRICTED =
      Set.of("var", "yield", "record", "sealed", "permits", "when", "module", "open", "opens", "exports",
          "requires", "transitive", "to", "uses", "provides", "with");

  private JavaNames() {}

  /** Why {@code name} cannot name the generated class, or null when it can. */
  public static String classNameProblem(String name) {
    return identifierProblem(name);
  }

  /** Why {@code name} cannot be the generated class's package, or null when it can. */
  public static String packageProblem(String name) {
    if (name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
      return "has an empty part";
    }
    String[] parts = name.split("\\.");
    if (parts[0].equals("java") || parts[0].equals("javax")) {
      return "is in the JDK's own '" + parts[0] + "' packages";
    }
    for (String part : parts) {
      String problem = identifierProblem(part);
      if (problem != null) {
        return "has the part " + Diagnostic.quote(part) + ", which " + problem;
      }
    }
    return null;
  }

  private static String identifierProblem(String name) {
    if (name.isEmpty()) {
      return "is empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "is " + name.length() + " characters long, more than " + MAX_LENGTH;
    }
    if (!IDENTIFIER.matcher(name).matches()) {
      int bad = firstNonIdentifierCharacter(name);
      return bad == 0 && Character.isDigit(name.charAt(0)) ? "starts with a digit"
          : "has " + Diagnostic.quote(new String(Character.toChars(name.codePointAt(bad)))) + " at position "
              + (bad + 1) + ", and names are plain ASCII letters, digits and _";
    }
    if (SourceVersion.isKeyword(name, SourceVersion.RELEASE_17) || name.equals("_")) {
      return "is a Java keyword";
    }
    if (RESTRICTED.contains(name)) {
      return "is a restricted identifier in Java 17";
    }
    return null;
  }

  private static int firstNonIdentifierCharacter(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = c < 128 && (Character.isLetter(c) || c == '_');
      if (!(letter || i > 0 && c >= '0' && c <= '9')) {
        return i;
      }
    }
    return 0;
  }
}
