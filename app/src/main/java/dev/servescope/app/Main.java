package dev.servescope.app;

import dev.servescope.app.cli.ServeScopeCommand;
import dev.servescope.app.ui.GuiLauncher;
import dev.servescope.app.wiring.Services;

/** Entry point: with no arguments the desktop app, otherwise a CLI command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Services services = Services.standard();
    if (args.length == 0) {
      GuiLauncher.launch(services);
      return;
    }
    System.exit(ServeScopeCommand.run(services, args));
  }
}
