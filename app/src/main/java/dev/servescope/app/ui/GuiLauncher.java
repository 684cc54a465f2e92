package dev.servescope.app.ui;

import javafx.application.Application;

/** Starts the JavaFX app from a plain class, as JavaFX on the classpath needs. */
public final class GuiLauncher {
  private GuiLauncher() {}

  public static void launch(String... args) {
    Application.launch(ServeScopeApp.class, args);
  }
}
