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

  @Option(names = "--ladder", paramLabel = "LADDER.yaml",
      description = "a ladder file of your own to open in the Build view (default: the built-in ladder)")
  java.nio.file.Path ladder;

  @Override
  public Integer call() {
    if (!tab.matches("predict|build|charts")) {
      throw new IllegalArgumentException("--tab must be predict, build or charts");
    }
    if (ladder != null && !java.nio.file.Files.isRegularFile(ladder)) {
      throw new IllegalArgumentException("no ladder file " + ladder);
    }
    GuiLauncher.launch("--tab=" + tab, text == null ? "--text=" : "--text=" + text,
        "--ladder=" + (ladder == null ? "" : ladder.toAbsolutePath()));
    return 0;
  }
}
