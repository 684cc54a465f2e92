package dev.servescope.app.ladder.file;

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
      return sentences(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * The sentences of a file of one sentence a line ({@code #} comments and blank lines dropped).
   *
   * @throws IOException when it cannot be read or holds no sentence
   */
  public static List<String> read(java.nio.file.Path file) throws IOException {
    List<String> out = sentences(java.nio.file.Files.readString(file));
    if (out.isEmpty()) {
      throw new IOException("no sentences in " + file + ": one a line, '#' starts a comment");
    }
    return out;
  }

  private static List<String> sentences(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }
}
