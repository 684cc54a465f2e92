package dev.servescope.app.ui;

import javafx.application.Application;

/** Starts the JavaFX app from a plain class, as JavaFX on the classpath needs. */
public final class GuiLauncher {
  /**
   * JavaFX warns "Unsupported JavaFX configuration" at every start when it runs from the classpath, which is how
   * ServeScope runs it on purpose (the packaged app puts it on the module path). Held here so the level sticks.
   */
  private static final java.util.logging.Logger JAVAFX = java.util.logging.Logger.getLogger("javafx");

  private GuiLauncher() {}

  public static void launch(String... args) {
    JAVAFX.setLevel(java.util.logging.Level.SEVERE);
    Application.launch(ServeScopeApp.class, args);
  }
}
