package dev.servescope.app.ui;

import dev.servescope.app.wiring.Services;
import javafx.application.Application;

/** Starts the JavaFX app from a plain class, as JavaFX on the classpath needs. */
public final class GuiLauncher {
  /**
   * JavaFX warns "Unsupported JavaFX configuration" at every start when it runs from the classpath, which is how
   * ServeScope runs it on purpose (the packaged app puts it on the module path). Held here so the level sticks.
   */
  private static final java.util.logging.Logger JAVAFX = java.util.logging.Logger.getLogger("javafx");

  private GuiLauncher() {}

  /** Opens the window on {@code services} and returns when it closes. */
  public static void launch(Services services, String... args) {
    JAVAFX.setLevel(java.util.logging.Level.SEVERE);
    ServeScopeApp.useServices(services);
    Application.launch(ServeScopeApp.class, args);
  }
}
