package dev.servescope.app.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.servescope.app.ladder.BuildRequest;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.CleanItem;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.ContainerSize;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.LayerSize;
import dev.servescope.app.ladder.OwnerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one Docker client (docker-java over the httpclient5 transport). The API version is negotiated with the engine,
 * so the same code talks to Docker 20.10 (API 1.41) and to current engines; {@code DOCKER_HOST} is honoured. Every
 * failure to reach the engine becomes a {@link DockerUnavailableException} that says how to start one.
 */
public final class DockerEngine implements ContainerEngine {
  private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The classic builder's line after each step: the id of the image the step made or reused. */
  private static final java.util.regex.Pattern STEP_ID =
      java.util.regex.Pattern.compile("^\\s*---> ([0-9a-f]{12})\\s*$");
  private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

  private final DockerClient client;
  private final DockerHttpClient transport;
  private final EngineInfo info;
  private boolean closed;

  private DockerEngine(DockerClient client, DockerHttpClient transport, EngineInfo info) {
    this.client = client;
    this.transport = transport;
    this.info = info;
  }

  /** Connects to {@code DOCKER_HOST}, or the local socket when it is unset. */
  public static DockerEngine connect() {
    return connect(null);
  }

  /**
   * Connects and negotiates the API version: an unversioned call learns the engine's version, then the client is
   * rebuilt pinned to it (current engines reject very old versions; older engines reject newer ones).
   *
   * @param dockerHost e.g. {@code tcp://127.0.0.1:2375}; null for the default
   * @throws DockerUnavailableException when no engine answers
   */
  public static DockerEngine connect(String dockerHost) {
    DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
    if (dockerHost != null) {
      builder.withDockerHost(dockerHost);
    }
    DockerClientConfig probeConfig = builder.build();
    String host = probeConfig.getDockerHost().toString();
    Version version;
    try (DockerClient probe = DockerClientImpl.getInstance(probeConfig, transport(probeConfig))) {
      version = probe.versionCmd().exec();
    } catch (IOException | RuntimeException e) {
      throw new DockerUnavailableException(DockerUnavailableException.howToStart(host) + " (" + rootMessage(e) + ")",
          e);
    }
    DockerClientConfig config = builder.withApiVersion(version.getApiVersion()).build();
    DockerHttpClient transport = transport(config);
    DockerClient client = DockerClientImpl.getInstance(config, transport);
    EngineInfo info = new EngineInfo(version.getVersion(), version.getApiVersion(), host);
    LOG.info("Docker engine {} (API {}) at {}", info.version(), info.apiVersion(), host);
    return new DockerEngine(client, transport, info);
  }

  private static DockerHttpClient transport(DockerClientConfig config) {
    // Builds, logs and waits can run for many minutes; over TCP the response timeout applies per read.
    return new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(32)
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofMinutes(30))
        .build();
  }

  @Override
  public EngineInfo info() {
    return info;
  }

  @Override
  public boolean ping() {
    try {
      client.pingCmd().exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Whether an image with this reference is present locally. */
  public boolean imageExists(String ref) {
    return call("inspect image " + ref, () -> {
      try {
        client.inspectImageCmd(ref).exec();
        return true;
      } catch (NotFoundException e) {
        return false;
      }
    });
  }

  /** Tries to pull an image; false when the registry cannot be reached or has no such image. Cancellable. */
  public boolean tryPull(String ref, Duration timeout, Cancellation cancellation) {
    ResultCallback.Adapter<PullResponseItem> callback = new ResultCallback.Adapter<>();
    try (Cancellation.Registration ignored = cancellation.register(callback)) {
      boolean done = client.pullImageCmd(ref).exec(callback).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
      cancellation.check();
      return done && imageExists(ref);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while pulling " + ref);
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      cancellation.check();
      LOG.info("cannot pull {}: {}", ref, rootMessage(e));
      return false;
    }
  }

  /**
   * Builds an image with the classic builder, streaming its output lines to {@code log}. Cancelling closes the
   * stream, which stops the build on the engine.
   *
   * @return the image id
   */
  @Override
  public Map<String, String> prepareBaseImages(String dockerfile, Path recipes, Path workDir, Consumer<String> log,
      Consumer<String> status, Cancellation cancel) {
    return new BaseImages(this, recipes, workDir).resolveArgs(dockerfile, log, status, cancel);
  }

  @Override
  public String build(BuildRequest request, Consumer<String> log, Cancellation cancellation) {
    cancellation.check();
    java.util.Set<String> stepIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    BuildImageResultCallback callback = new BuildImageResultCallback() {
      @Override
      public void onNext(BuildResponseItem item) {
        if (item.getStream() != null) {
          item.getStream().lines().map(DockerEngine::plainText).filter(l -> !l.isBlank()).forEach(line -> {
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
      var cmd = client.buildImageCmd()
          .withDockerfile(request.contextDir().resolve("Dockerfile").toFile())
          .withBaseDirectory(request.contextDir().toFile())
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
        leftovers().pruneSuperseded(version, stepIds);
      }
      return id;
    } catch (DockerClientException e) {
      cancellation.check();
      if (!ping()) {
        throw new DockerUnavailableException("lost the Docker engine at " + info.host() + " while building "
            + request.tag() + "; nothing of this build was recorded", e);
      }
      throw new BuildFailedException("build of " + request.tag() + " failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      cancellation.check();
      throw translate("build " + request.tag(), e);
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
  public void importImage(InputStream tar, String repository, String tag, Map<String, String> labels) {
    String what = "import " + repository + ":" + tag;
    call(what, () -> {
      StringBuilder query = new StringBuilder("fromSrc=-&repo=").append(encode(repository))
          .append("&tag=").append(encode(tag));
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

  @Override
  public long imageSize(String ref) {
    return call("inspect image " + ref, () -> {
      InspectImageResponse r = client.inspectImageCmd(ref).exec();
      return r.getSize() == null ? 0L : r.getSize();
    });
  }

  /** An image's labels (empty when it has none). */
  public Map<String, String> imageLabels(String ref) {
    return call("inspect image " + ref, () -> {
      var config = client.inspectImageCmd(ref).exec().getConfig();
      return config == null || config.getLabels() == null ? Map.of() : Map.copyOf(config.getLabels());
    });
  }

  @Override
  public List<LayerSize> history(String ref) {
    return call("image history " + ref, () -> client.imageHistoryCmd(ref).exec().stream()
        .map(h -> new LayerSize(h.getSize() == null ? 0 : h.getSize(), h.getCreatedBy() == null ? ""
            : h.getCreatedBy().replaceFirst("^/bin/sh -c #\\(nop\\)\\s*", "").replaceFirst("^/bin/sh -c ", "RUN ")))
        .toList());
  }

  /** Publishes the port on 127.0.0.1 only, at a free host port. */
  @Override
  public String startContainer(ContainerSpec spec) {
    String id = call("create a container of " + spec.image(), () -> {
      ExposedPort exposed = ExposedPort.tcp(spec.port());
      HostConfig host = HostConfig.newHostConfig()
          .withPortBindings(new PortBinding(Ports.Binding.bindIp("127.0.0.1"), exposed))
          .withExtraHosts("host.docker.internal:host-gateway");
      Map<String, String> all = new java.util.HashMap<>(spec.labels());
      all.put(Labels.OWNER, OwnerProcess.current().label());
      return client.createContainerCmd(spec.image()).withEnv(spec.env()).withExposedPorts(exposed).withLabels(all)
          .withHostConfig(host).exec().getId();
    });
    try {
      call("start a container of " + spec.image(), () -> client.startContainerCmd(id).exec());
      return id;
    } catch (RuntimeException e) {
      removeContainer(id);
      throw e;
    }
  }

  @Override
  public int hostPort(String containerId, int port) {
    return call("inspect container", () -> {
      Ports.Binding[] b = client.inspectContainerCmd(containerId).exec().getNetworkSettings().getPorts()
          .getBindings().get(ExposedPort.tcp(port));
      if (b == null || b.length == 0) {
        throw new IllegalStateException("container " + containerId + " publishes no port for " + port);
      }
      return Integer.parseInt(b[0].getHostPortSpec());
    });
  }

  @Override
  public boolean isRunning(String containerId) {
    return call("inspect container", () -> Boolean.TRUE.equals(
        client.inspectContainerCmd(containerId).exec().getState().getRunning()));
  }

  @Override
  public ContainerSize containerSize(String containerId) {
    return call("container size", () -> {
      List<Container> list = client.listContainersCmd().withShowAll(true).withShowSize(true)
          .withIdFilter(List.of(containerId)).exec();
      if (list.isEmpty()) {
        throw new IllegalStateException("container " + containerId + " is gone");
      }
      Container c = list.get(0);
      return new ContainerSize(c.getSizeRw() == null ? 0 : c.getSizeRw(),
          c.getSizeRootFs() == null ? 0 : c.getSizeRootFs());
    });
  }

  /** Usage minus the inactive file cache. */
  @Override
  public long memoryUsage(String containerId) {
    return call("container stats", () -> {
      java.util.concurrent.atomic.AtomicLong memory = new java.util.concurrent.atomic.AtomicLong(-1);
      ResultCallback.Adapter<Statistics> cb = new ResultCallback.Adapter<>() {
        @Override
        public void onNext(Statistics s) {
          memory.compareAndSet(-1, usage(s));
        }
      };
      client.statsCmd(containerId).withNoStream(true).exec(cb).awaitCompletion(30, TimeUnit.SECONDS);
      return Math.max(0, memory.get());
    });
  }

  private static long usage(Statistics s) {
    if (s.getMemoryStats() == null || s.getMemoryStats().getUsage() == null) {
      return 0;
    }
    long usage = s.getMemoryStats().getUsage();
    Map<String, Long> stats = s.getMemoryStats().getStats() == null ? Map.of() : statsMap(s);
    long inactive = stats.getOrDefault("total_inactive_file", stats.getOrDefault("inactive_file", 0L));
    return Math.max(0, usage - inactive);
  }

  private static Map<String, Long> statsMap(Statistics s) {
    var st = s.getMemoryStats().getStats();
    java.util.HashMap<String, Long> m = new java.util.HashMap<>();
    if (st.getTotalInactiveFile() != null) {
      m.put("total_inactive_file", st.getTotalInactiveFile());
    }
    if (st.getInactiveFile() != null) {
      m.put("inactive_file", st.getInactiveFile());
    }
    return m;
  }

  @Override
  public String logTail(String containerId, int lines) {
    StringBuilder sb = new StringBuilder();
    try {
      client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(lines)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame f) {
              sb.append(new String(f.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            }
          }).awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      return "(logs unavailable: " + rootMessage(e) + ")";
    }
    return sb.toString().strip();
  }

  @Override
  public void removeContainer(String containerId) {
    try {
      client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      LOG.debug("container {} already gone", containerId);
    } catch (RuntimeException e) {
      LOG.warn("cannot remove container {}: {}", containerId, rootMessage(e));
    }
  }

  /** Containers ServeScope started (any process of it), running or not; never a build's intermediate containers. */
  public List<String> managedContainers() {
    return leftovers().owned().stream().map(Container::getId).toList();
  }

  /** What ServeScope made on this engine, for clean-up. */
  Leftovers leftovers() {
    return new Leftovers(this, client);
  }

  /**
   * Removes the containers of ServeScope processes that are gone (killed, crashed). Containers of a process that runs
   * (this one, another ServeScope here) or that ran on another machine are left alone. Images are pruned per build.
   */
  @Override
  public int removeLeftovers() {
    return leftovers().removeDeadContainers();
  }

  @Override
  public void clean(boolean all, boolean dryRun, Consumer<CleanItem> out) {
    leftovers().clean(all, dryRun, out);
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
      LOG.debug("no shared sizes from the engine: {}", rootMessage(e));
      return Map.of();
    }
  }

  /** Removes an image by reference if present; never throws. */
  public void removeImage(String ref) {
    try {
      client.removeImageCmd(ref).withForce(true).exec();
    } catch (RuntimeException e) {
      LOG.debug("cannot remove image {}: {}", ref, rootMessage(e));
    }
  }

  /** Runs a call, turning connection failures into a clear {@link DockerUnavailableException}. */
  <T> T call(String what, java.util.concurrent.Callable<T> body) {
    if (closed) {
      throw new IllegalStateException("Docker client is closed");
    }
    try {
      return body.call();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted during " + what);
    } catch (NotFoundException e) {
      throw e;
    } catch (RuntimeException e) {
      throw translate(what, e);
    } catch (Exception e) {
      throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
  }

  private RuntimeException translate(String what, RuntimeException e) {
    if (e instanceof CancellationException || e instanceof BuildFailedException
        || e instanceof DockerUnavailableException || e instanceof IllegalStateException) {
      return e;
    }
    if (isConnectionProblem(e)) {
      return new DockerUnavailableException("lost the Docker engine at " + info.host() + " during " + what + ": "
          + rootMessage(e), e);
    }
    return new IllegalStateException(what + " failed: " + rootMessage(e), e);
  }

  static boolean isConnectionProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketException || t instanceof java.io.EOFException
          || t instanceof java.net.ConnectException || t instanceof org.apache.hc.core5.http.NoHttpResponseException
          || t instanceof java.nio.channels.ClosedChannelException
          || t instanceof org.apache.hc.core5.http.ConnectionClosedException) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      client.close();
    } catch (IOException e) {
      LOG.debug("closing the Docker client failed: {}", e.getMessage());
    }
  }

  /** The build ran but a step failed; the message carries the engine's error. */
  public static final class BuildFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BuildFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
