package dev.servescope.app.cli;

import dev.servescope.app.ui.GuiLauncher;
import dev.servescope.app.wiring.Services;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gui", description = "Open the desktop app (the same as running servescope with no arguments).")
final class GuiCommand implements Callable<Integer> {
  @Option(names = "--tab", paramLabel = "overview|predict|build|charts|explore", defaultValue = "overview",
      description = "the tab to open on (default: ${DEFAULT-VALUE})")
  String tab;

  @Option(names = "--text", paramLabel = "TEXT", description = "a sentence to classify at start")
  String text;

  @Option(names = "--ladder", paramLabel = "LADDER.yaml",
      description = "a ladder file of your own to open in the Build view (default: the built-in ladder)")
  java.nio.file.Path ladder;

  @Option(names = "--image", paramLabel = "IMAGE", description = "an image (or rung, v1..v6) to inspect in Explore")
  String image;

  @Option(names = "--diff-from", paramLabel = "IMAGE", description = "with --image: show the diff from this image")
  String diffFrom;

  private final Services services;

  GuiCommand(Services services) {
    this.services = services;
  }

  @Override
  public Integer call() {
    if (!tab.matches("overview|predict|build|charts|explore")) {
      throw new IllegalArgumentException("--tab must be overview, predict, build, charts or explore");
    }
    if (ladder != null && !java.nio.file.Files.isRegularFile(ladder)) {
      throw new IllegalArgumentException("no ladder file " + ladder);
    }
    GuiLauncher.launch(services, "--tab=" + tab, text == null ? "--text=" : "--text=" + text,
        "--ladder=" + (ladder == null ? "" : ladder.toAbsolutePath()), "--image=" + (image == null ? "" : image),
        "--diff-from=" + (diffFrom == null ? "" : diffFrom));
    return 0;
  }
}
