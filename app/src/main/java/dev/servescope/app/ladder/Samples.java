package dev.servescope.app.ladder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The sample sentences from {@code samples/sentences.txt}, packaged into the app. */
public final class Samples {
  private static final String RESOURCE = "/samples/sentences.txt";

  private Samples() {}

  /** Every sample sentence, comments and blank lines dropped. */
  public static List<String> builtIn() {
    try (InputStream in = Samples.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the app's classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
