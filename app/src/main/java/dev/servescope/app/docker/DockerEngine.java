package dev.servescope.app.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Info;
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
import dev.servescope.app.ladder.ContainerTimes;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.Hardware;
import dev.servescope.app.ladder.LayerSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one Docker client (docker-java over the httpclient5 transport). The API version is negotiated with the engine,
 * so the same code talks to Docker 20.10 (API 1.41) and to current engines; {@code DOCKER_HOST} is honoured. Every
 * failure to reach the engine becomes a {@link DockerUnavailableException} that says how to start one.
 *
 * <p>Longer than most classes here because it is the adapter's one facade: every {@link ContainerEngine} call is a
 * method of it. The work is in {@link DockerImages} (builds, imports), {@link DockerContainers} (running and
 * measuring) and {@link Leftovers} (clean-up); what stays here is connecting, image look-ups and error translation.
 */
public final class DockerEngine implements ContainerEngine, dev.servescope.app.image.ImageStore {
  private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DockerClient client;
  private final EngineInfo info;
  private final DockerImages images;
  private final DockerContainers containers;
  private final ContainerFiles files;
  private final DockerRegistries registries;
  private boolean closed;

  private DockerEngine(DockerClient client, DockerHttpClient transport, EngineInfo info) {
    this.client = client;
    this.info = info;
    this.images = new DockerImages(this, client, transport, info);
    this.containers = new DockerContainers(this, client);
    this.files = new ContainerFiles(this, client);
    this.registries = new DockerRegistries(this, client);
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
      throw new DockerUnavailableException(DockerUnavailableException.howToStart(host) + " ("
          + EngineErrors.rootMessage(e) + ")", e);
    }
    DockerClientConfig config = builder.withApiVersion(version.getApiVersion()).build();
    DockerHttpClient transport = transport(config);
    DockerClient client = DockerClientImpl.getInstance(config, transport);
    EngineInfo info = new EngineInfo(version.getVersion(), version.getApiVersion(), host, EngineHost.kind(version));
    LOG.info("{} (API {}) at {}", info.name(), info.apiVersion(), host);
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
  public Hardware hardware() {
    Info engineHost = call("engine info", () -> client.infoCmd().exec());
    Hardware.CpuInfo cpu = EngineHost.cpu(info.host());
    return new Hardware(cpu.model(), engineHost.getNCPU() == null ? 0 : engineHost.getNCPU(), cpu.int8Flags(),
        engineHost.getMemTotal() == null ? 0 : engineHost.getMemTotal(), info.version(),
        engineHost.getKernelVersion(), engineHost.getOperatingSystem(), engineHost.getArchitecture(), info.kind());
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
    return registries.tryPull(ref, timeout, cancellation);
  }

  @Override
  public void push(String ref, String repository, Cancellation cancel) {
    registries.push(ref, repository, cancel);
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
    return images.build(request, log, cancellation);
  }

  /** Imports a root file system tar stream as a labelled image; see {@link DockerImages#importImage}. */
  public void importImage(InputStream tar, String repository, String tag, Map<String, String> labels) {
    images.importImage(tar, repository, tag, labels);
  }

  /** Per image id, the bytes no other image shares. */
  Map<String, Long> uniqueImageSizes() {
    return images.uniqueImageSizes();
  }

  @Override
  public java.io.InputStream saveImage(String ref) {
    return call("save image " + ref, () -> client.saveImageCmd(ref).exec());
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
            : dev.servescope.app.image.Instructions.readable(h.getCreatedBy())))
        .toList());
  }

  @Override
  public String startContainer(ContainerSpec spec) {
    return containers.startContainer(spec);
  }

  @Override
  public int hostPort(String containerId, int port) {
    return containers.hostPort(containerId, port);
  }

  @Override
  public boolean isRunning(String containerId) {
    return containers.isRunning(containerId);
  }

  @Override
  public ContainerSize containerSize(String containerId) {
    return containers.containerSize(containerId);
  }

  @Override
  public long memoryUsage(String containerId) {
    return containers.memoryUsage(containerId);
  }

  @Override
  public String imageId(String ref) {
    return call("inspect image " + ref, () -> client.inspectImageCmd(ref).exec().getId());
  }

  @Override
  public void copyImageInto(String ref, String containerId, String dir) {
    files.copyImageInto(saveImage(ref), containerId, dir);
  }

  @Override
  public CpuTime cpuTime(String containerId) {
    return containers.cpuTime(containerId);
  }

  @Override
  public String exitSummary(String containerId) {
    return containers.exitSummary(containerId);
  }

  @Override
  public String logTail(String containerId, int lines) {
    return containers.logTail(containerId, lines);
  }

  @Override
  public ContainerTimes times(String containerId) {
    return containers.times(containerId);
  }

  @Override
  public Optional<Instant> firstLogLine(String containerId, Pattern line) {
    return containers.firstLogLine(containerId, line);
  }

  @Override
  public void putFile(String containerId, String path, byte[] content) {
    files.putFile(containerId, path, content);
  }

  @Override
  public void putFiles(String containerId, String dir, List<Path> files) {
    this.files.putFiles(containerId, dir, files);
  }

  @Override
  public Exec exec(String containerId, List<String> command, Consumer<String> out, Consumer<String> err) {
    return containers.exec(containerId, command, out, err);
  }

  @Override
  public void removeContainer(String containerId) {
    containers.removeContainer(containerId);
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

  /** Removes an image by reference if present; never throws. */
  public void removeImage(String ref) {
    try {
      client.removeImageCmd(ref).withForce(true).exec();
    } catch (RuntimeException e) {
      LOG.debug("cannot remove image {}: {}", ref, EngineErrors.rootMessage(e));
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

  RuntimeException translate(String what, RuntimeException e) {
    if (e instanceof CancellationException || e instanceof BuildFailedException
        || e instanceof DockerUnavailableException || e instanceof IllegalStateException) {
      return e;
    }
    if (EngineErrors.isConnectionProblem(e)) {
      return new DockerUnavailableException("lost the " + (info.isPodman() ? "Podman" : "Docker") + " engine at "
          + info.host() + " during " + what + ": " + EngineErrors.rootMessage(e), e);
    }
    // What the engine refused says which engine it was when that is Podman: its errors are its own.
    return new IllegalStateException((info.isPodman() ? info.name() + ": " : "") + what + " failed: "
        + EngineErrors.rootMessage(e), e);
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
