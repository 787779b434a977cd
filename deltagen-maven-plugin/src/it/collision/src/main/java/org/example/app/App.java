package org.example.app;

/** The project's own class, which a spec in build 2 tries to generate again. */
public final class App {
  private App() {}
}
