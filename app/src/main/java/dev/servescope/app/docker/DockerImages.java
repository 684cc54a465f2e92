package dev.servescope.app.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.servescope.app.ladder.BuildRequest;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image half of the engine adapter: builds (with their output streamed and superseded stages pruned), imports,
 * and the calls docker-java cannot make, sent through its transport.
 */
final class DockerImages {
  private static final Logger LOG = LoggerFactory.getLogger(DockerImages.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The classic builder's line after each step: the id of the image the step made or reused. */
  private static final java.util.regex.Pattern STEP_ID =
      java.util.regex.Pattern.compile("^\\s*---> ([0-9a-f]{12})\\s*$");
  private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

  private final DockerEngine engine;
  private final DockerClient client;
  private final DockerHttpClient transport;
  private final EngineInfo info;

  DockerImages(DockerEngine engine, DockerClient client, DockerHttpClient transport, EngineInfo info) {
    this.engine = engine;
    this.client = client;
    this.transport = transport;
    this.info = info;
  }

  String build(BuildRequest request, Consumer<String> log, Cancellation cancellation) {
    cancellation.check();
    java.util.Set<String> stepIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    BuildImageResultCallback callback = new BuildImageResultCallback() {
      @Override
      public void onNext(BuildResponseItem item) {
        if (item.getStream() != null) {
          item.getStream().lines().map(DockerImages::plainText).filter(l -> !l.isBlank()).forEach(line -> {
            java.util.regex.Matcher m = STEP_ID.matcher(line);
            if (m.matches()) {
              stepIds.add(m.group(1));
            }
            log.accept(line);
          });
        }
        if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
          log.accept("ERROR: " + item.getErrorDetail().getMessage());
        }
        super.onNext(item);
      }
    };
    try (Cancellation.Registration ignored = cancellation.register(callback)) {
      // The context first: docker-java packs it when the Dockerfile is set, from the Dockerfile's folder when no
      // context is set yet, so that a Dockerfile in a subfolder of its context would be sent without the rest.
      var cmd = client.buildImageCmd()
          .withBaseDirectory(request.contextDir().toFile())
          .withDockerfile(request.dockerfile().toFile())
          .withTags(java.util.Set.of(request.tag()))
          .withLabels(request.labels())
          .withPull(false)
          .withRemove(true)
          .withForcerm(true);
      request.buildArgs().forEach(cmd::withBuildArg);
      cmd.exec(callback);
      callback.awaitImageId();
      cancellation.check();
      String id = client.inspectImageCmd(request.tag()).exec().getId();
      String version = request.labels().get(Labels.VERSION);
      if (version != null) {
        engine.leftovers().pruneSuperseded(version, stepIds);
      }
      return id;
    } catch (DockerClientException e) {
      cancellation.check();
      if (!engine.ping()) {
        throw new DockerUnavailableException("lost the Docker engine at " + info.host() + " while building "
            + request.tag() + "; nothing of this build was recorded", e);
      }
      throw new DockerEngine.BuildFailedException("build of " + request.tag() + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      cancellation.check();
      throw engine.translate("build " + request.tag(), e);
    }
  }

  /**
   * A build output line without terminal escape sequences: the classic builder wraps what a RUN step writes to
   * stderr in ANSI colour codes, which a log view or a file would show as {@code [91m}.
   */
  static String plainText(String line) {
    return ANSI.matcher(line).replaceAll("");
  }

  /**
   * Imports a root file system tar stream as a labelled image (how the local Debian base is made). docker-java's
   * {@code createImageCmd} cannot do this: it encodes the stream as JSON and the engine reads a broken tar
   * (docker-java issue 2377), so this sends {@code POST /images/create?fromSrc=-} through the same transport.
   */
  void importImage(InputStream tar, String repository, String tag, Map<String, String> labels) {
    String what = "import " + repository + ":" + tag;
    engine.call(what, () -> {
      // The tag goes in repo: Docker takes it there too, and Podman 4.3 ignores a separate tag (it names the image
      // :latest).
      StringBuilder query = new StringBuilder("fromSrc=-&repo=").append(encode(repository + ":" + tag));
      labels.forEach((k, v) -> query.append("&changes=").append(encode("LABEL " + k + "=" + v)));
      DockerHttpClient.Request request = DockerHttpClient.Request.builder()
          .method(DockerHttpClient.Request.Method.POST)
          .path("/v" + info.apiVersion() + "/images/create?" + query)
          .putHeader("Content-Type", "application/x-tar")
          .body(tar)
          .build();
      try (DockerHttpClient.Response response = transport.execute(request)) {
        String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
        if (response.getStatusCode() != 200) {
          throw new IllegalStateException(what + " failed: HTTP " + response.getStatusCode() + ": " + body.strip());
        }
        // The answer is a stream of JSON progress lines; a failure after the headers went out is an "error" line.
        for (String line : body.split("\n")) {
          JsonNode error = line.isBlank() ? null : JSON.readTree(line).get("error");
          if (error != null && !error.isNull()) {
            throw new IllegalStateException(what + " failed: " + error.asText());
          }
        }
      }
      return null;
    });
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * Per image id, the bytes of its layers that no other image shares ({@code Size - SharedSize} of
   * {@code GET /system/df}); empty when the engine does not say.
   */
  Map<String, Long> uniqueImageSizes() {
    DockerHttpClient.Request request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.GET).path("/v" + info.apiVersion() + "/system/df").build();
    try (DockerHttpClient.Response response = transport.execute(request)) {
      JsonNode images = JSON.readTree(response.getBody()).path("Images");
      Map<String, Long> out = new java.util.HashMap<>();
      for (JsonNode image : images) {
        long size = image.path("Size").asLong(0);
        long shared = image.path("SharedSize").asLong(-1);
        if (shared >= 0) {
          out.put(image.path("Id").asText(), Math.max(0, size - shared));
        }
      }
      return out;
    } catch (IOException | RuntimeException e) {
      LOG.debug("no shared sizes from the engine: {}", EngineErrors.rootMessage(e));
      return Map.of();
    }
  }
}
