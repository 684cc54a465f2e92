package dev.servescope.app;

import dev.servescope.app.cli.ServeScopeCommand;

/** Entry point: with no arguments the desktop app, otherwise a CLI command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      dev.servescope.app.ui.GuiLauncher.launch();
      return;
    }
    System.exit(ServeScopeCommand.run(args));
  }
}
