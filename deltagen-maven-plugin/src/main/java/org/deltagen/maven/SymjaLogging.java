package org.deltagen.maven;

import java.util.List;

/**
 * Keeps Symja's informational logging out of the build log. Symja and the JAS library it factors
 * with log through log4j-api, which the plugin routes to Maven's own SLF4J logger so that their
 * warnings and errors reach the user; at Maven's default level their INFO lines (about a hundred per
 * spec: "factor factory = edu.jas…", "primitive part P = …") would bury deltagen's. Maven's logger
 * reads a logger's level from the system property {@code org.slf4j.simpleLogger.log.NAME} when that
 * logger is first asked for, so setting it before Symja's classes load is enough. A level the user
 * set on the command line ({@code -Dorg.slf4j.simpleLogger.log.edu.jas=info}) is left as it is.
 */
final class SymjaLogging {
  /** The loggers' name prefixes: JAS's and Symja's packages. */
  private static final List<String> PACKAGES = List.of("edu.jas", "org.matheclipse");
  private static final String LEVEL = "warn";

  private SymjaLogging() {}

  static void quiet() {
    for (String name : PACKAGES) {
      String property = "org.slf4j.simpleLogger.log." + name;
      if (System.getProperty(property) == null) {
        System.setProperty(property, LEVEL);
      }
    }
  }
}
