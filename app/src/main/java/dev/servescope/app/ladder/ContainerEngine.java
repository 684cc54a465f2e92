package dev.servescope.app.ladder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the ladder needs from a container engine. Every call may throw {@link DockerUnavailableException} when the
 * engine stops answering; long calls stop when their {@link Cancellation} is cancelled.
 */
public interface ContainerEngine extends AutoCloseable {

  EngineInfo info();

  /** What the engine runs on: its CPUs, memory, kernel, and where it can tell, the CPU's model and int8 flags. */
  Hardware hardware();

  /** Whether the engine still answers. */
  boolean ping();

  /**
   * Removes what killed or crashed ServeScope processes left behind: their containers, dangling images of
   * ServeScope's builds. Never what a live process (this one included) is using.
   *
   * @return how many things were removed
   */
  int removeLeftovers();

  /**
   * Makes sure every base image a Dockerfile names is present, making local equivalents where needed.
   *
   * @param recipes the folder of local base recipes
   * @param workDir a scratch folder of the run
   * @param log every output line
   * @param status the few milestones worth showing as progress
   * @return build arguments for the base images that had to be replaced
   */
  Map<String, String> prepareBaseImages(String dockerfile, Path recipes, Path workDir, Consumer<String> log,
      Consumer<String> status, Cancellation cancel);

  /**
   * Builds an image, streaming its output lines to {@code log}.
   *
   * @return the image id
   */
  String build(BuildRequest request, Consumer<String> log, Cancellation cancel);

  /** Image size in bytes, as {@code docker image ls} shows it. */
  long imageSize(String ref);

  /** The image's layers, newest first, with the instruction that made each. */
  List<LayerSize> history(String ref);

  /**
   * Creates and starts a container; one that was created but could not start is removed before this throws.
   *
   * @return the container id
   */
  String startContainer(ContainerSpec spec);

  /** The host port a started container's {@code port} is published on. */
  int hostPort(String containerId, int port);

  boolean isRunning(String containerId);

  /** Slow on big containers: measure once. */
  ContainerSize containerSize(String containerId);

  /** Memory in use, as {@code docker stats} shows it. */
  long memoryUsage(String containerId);

  /** The image's ID ({@code sha256:...}): what identifies its content, whatever its tags. */
  String imageId(String ref);

  /**
   * Streams the image, as {@code docker save} writes it, into a container's folder, unpacked there: what an engine
   * inside that container can {@code docker load} from, without a copy on this machine's disk.
   */
  void copyImageInto(String ref, String containerId, String dir);

  /**
   * Pushes the image to a registry as {@code repository} ({@code HOST:PORT/PATH:TAG}) with the engine's own settings,
   * leaving no new tag on the engine.
   *
   * @throws IllegalStateException with what the registry or the engine answered
   */
  void push(String ref, String repository, Cancellation cancel);

  /** The container's CPU time so far, over all its CPUs, and when the engine read it. */
  CpuTime cpuTime(String containerId);

  /**
   * A container's cumulative CPU time.
   *
   * @param nanos CPU time since the container started
   * @param readAt when the engine read it
   */
  record CpuTime(long nanos, java.time.Instant readAt) {}

  /** How a stopped container ended, such as {@code exit code 137, killed at its memory limit}; never throws. */
  String exitSummary(String containerId);

  /** The last lines of a container's output, for error messages; never throws. */
  String logTail(String containerId, int lines);

  /** When the engine created a container and when its process started, by the engine's clock. */
  ContainerTimes times(String containerId);

  /**
   * When a container first printed a line matching {@code line}, by the engine's clock (its log timestamps); empty
   * when it printed none or the log cannot be read. Never throws.
   */
  java.util.Optional<java.time.Instant> firstLogLine(String containerId, java.util.regex.Pattern line);

  /** Writes a file (its folder must exist) into a running container. */
  void putFile(String containerId, String path, byte[] content);

  /**
   * Copies files of this machine into a folder of a running container, made with its parents when missing; streamed,
   * so a model's weights never sit whole in memory.
   *
   * @param dir an absolute path in the container
   */
  void putFiles(String containerId, String dir, List<Path> files);

  /**
   * Starts a command in a running container; each line it prints goes to {@code out} or {@code err} as it comes.
   */
  Exec exec(String containerId, List<String> command, Consumer<String> out, Consumer<String> err);

  /** A command running in a container. */
  interface Exec extends AutoCloseable {
    /** Waits up to {@code timeout} for the command to end: its exit code, or empty while it still runs. */
    java.util.OptionalLong await(java.time.Duration timeout) throws InterruptedException;

    /** Stops following its output; the command runs on until it ends or its container goes. */
    @Override
    void close();
  }

  /** Removes a container, running or not; never throws. */
  void removeContainer(String containerId);

  /**
   * Removes (or with {@code dryRun} lists) what ServeScope made on this engine: containers of processes that are gone,
   * ladder images and build stages, and with {@code all} the local base images. Containers that may be live are
   * reported as kept.
   */
  void clean(boolean all, boolean dryRun, java.util.function.Consumer<CleanItem> out);

  @Override
  void close();
}
