package dev.servescope.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the commands write where the user says: their folders are made first. */
final class OutputFiles {
  private OutputFiles() {}

  static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text);
  }
}
