package dev.servescope.app.cli;

import dev.servescope.app.ui.GuiLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gui", description = "Open the desktop app (the same as running servescope with no arguments).")
final class GuiCommand implements Callable<Integer> {
  @Option(names = "--tab", paramLabel = "predict|build|charts", defaultValue = "predict",
      description = "the tab to open on (default: ${DEFAULT-VALUE})")
  String tab;

  @Option(names = "--text", paramLabel = "TEXT", description = "a sentence to classify at start")
  String text;

  @Override
  public Integer call() {
    if (!tab.matches("predict|build|charts")) {
      throw new IllegalArgumentException("--tab must be predict, build or charts");
    }
    GuiLauncher.launch("--tab=" + tab, text == null ? "--text=" : "--text=" + text);
    return 0;
  }
}
