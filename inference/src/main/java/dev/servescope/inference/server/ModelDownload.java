package dev.servescope.inference.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a model folder over HTTP when the container starts: how the naive images get their model, so that the
 * container grows by the model's size after start. Each file is written under a temporary name and moved into place,
 * so a download cut short is retried whole at the next start.
 */
public final class ModelDownload {
  private static final Logger LOG = LoggerFactory.getLogger(ModelDownload.class);

  /** Files of a model folder; the first two are required. */
  static final List<String> FILES = List.of("model.onnx", "tokenizer.json", "head.json", "variant.json");

  private ModelDownload() {}

  /**
   * Downloads {@code baseUrl/<file>} for each model file into {@code dir}, unless {@code dir} already has a model.
   *
   * @return bytes downloaded (0 when the model was already there)
   */
  public static long ensure(String baseUrl, Path dir) throws IOException, InterruptedException {
    if (Files.isRegularFile(dir.resolve("model.onnx"))) {
      return 0;
    }
    Files.createDirectories(dir);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    long total = 0;
    long start = System.nanoTime();
    // model.onnx last: its presence marks a complete download.
    for (String name : List.of("tokenizer.json", "head.json", "variant.json", "model.onnx")) {
      URI uri = URI.create(base + name);
      HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = r.body()) {
        if (r.statusCode() == 404 && !name.equals("model.onnx") && !name.equals("tokenizer.json")) {
          continue;
        }
        if (r.statusCode() != 200) {
          throw new IOException("download of " + uri + " failed: HTTP " + r.statusCode());
        }
        Path tmp = dir.resolve(name + ".part");
        total += Files.copy(body, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    LOG.info("downloaded model ({} bytes) from {} in {} ms", total, base, (System.nanoTime() - start) / 1_000_000);
    return total;
  }
}
