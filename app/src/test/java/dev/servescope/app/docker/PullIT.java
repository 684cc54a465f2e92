package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.app.image.ImageInspector;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerSpec;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.file.Bandwidth;
import dev.servescope.app.ladder.file.Registry;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.EmptyNode;
import dev.servescope.app.ladder.measure.SidecarLoad;
import dev.servescope.app.ladder.result.Pull;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull onto an empty node, for real: Debian's engine in a container, its registry beside it, the limiter in the
 * load sidecar, all on the node's own loopback. The image is the local Debian base (about 30 MB on the wire), small
 * enough for two bandwidths in a CI run.
 */
class PullIT {
  private static final String IMAGE = "servescope-base/debian:bookworm-slim";

  @Test
  void anImagePulledAtHalfTheBandwidthDownloadsInAboutTwiceTheTimeAndNothingIsLeft(@TempDir Path dir)
      throws Exception {
    ProjectLayout layout = DockerAvailable.checkout();
    try (DockerEngine engine = DockerAvailable.engineOrSkip()) {
      Cancellation cancel = new Cancellation();
      List<String> log = new ArrayList<>();
      SidecarLoad.buildImage(engine, layout, dir, log::add, s -> { }, cancel);
      EmptyNode.buildImage(engine, layout, dir, log::add, s -> { }, cancel);
      long onTheWire = new ImageInspector(engine).inspect(IMAGE, 1, n -> { }).report().transferBytes();
      Pull pull;
      Pull missing;
      try (EmptyNode node = EmptyNode.start(engine, Map.of(Labels.MANAGED, Labels.LADDER, Labels.RUN, "pull-it"),
          null, cancel)) {
        pull = node.measure(IMAGE, "debian", "pull-it", List.of(Bandwidth.parse("100mbit"),
            Bandwidth.parse("50mbit")), log::add);
        missing = node.measure("servescope-it/no-such-image:1", "gone", "pull-it", List.of(Bandwidth.parse("1gbit")),
            log::add);
      }
      assertThat(missing.error()).as("a failed pull says why, and the node still goes").startsWith(
          "no image servescope-it/no-such-image:1 on this engine to pull");
      assertThat(pull.error()).as(String.join("\n", log)).isNull();
      assertThat(pull.imageId()).isEqualTo(engine.imageId(IMAGE));
      assertThat(pull.repository()).isEqualTo("127.0.0.1:5000/servescope/debian:pull-it");
      // What came down is the layers as gzip, plus the manifest, the config and HTTP: within a few percent.
      assertThat((double) pull.pulledBytes()).isCloseTo((double) onTheWire,
          org.assertj.core.data.Percentage.withPercentage(5));
      long fast = pull.downloadMs().get("100mbit");
      long slow = pull.downloadMs().get("50mbit");
      assertThat((double) slow / fast).as("half the bandwidth, about twice the download").isBetween(1.6, 2.4);
      // At 100 Mbit/s the bytes alone take this long; the limiter may not let them through faster.
      assertThat(fast).isGreaterThanOrEqualTo(Math.round(pull.pulledBytes() * 8 / 100e6 * 1000 * 0.95));
      for (String b : List.of("100mbit", "50mbit")) {
        assertThat(pull.pullMs().get(b)).isEqualTo(pull.downloadMs().get(b) + pull.extractMs().get(b));
      }
      assertThat(engine.managedContainers()).as("the node and its limiter removed").isEmpty();
    }
  }

  @Test
  void throughTheUsersRegistryOnlyThisRunsImageIsPushedAndARefusingRegistrySaysWhatToDo(@TempDir Path dir)
      throws Exception {
    ProjectLayout layout = DockerAvailable.checkout();
    try (DockerEngine engine = DockerAvailable.engineOrSkip()) {
      Cancellation cancel = new Cancellation();
      List<String> log = new ArrayList<>();
      SidecarLoad.buildImage(engine, layout, dir, log::add, s -> { }, cancel);
      EmptyNode.buildImage(engine, layout, dir, log::add, s -> { }, cancel);
      long onTheWire = new ImageInspector(engine).inspect(IMAGE, 1, n -> { }).report().transferBytes();
      int port = freePort();
      // The user's registry: Debian's, on this machine's loopback, started by the test as a user would.
      String users = engine.startContainer(new ContainerSpec(EmptyNode.IMAGE, List.of("REGISTRY_HTTP_ADDR=127.0.0.1:"
          + port), 0, Map.of(Labels.MANAGED, Labels.LADDER, Labels.RUN, "pull-it-users"), null, null,
          ContainerSpec.HOST_NETWORK, List.of("docker-registry", "serve", "/etc/servescope/registry.yml"), false,
          null));
      try {
        awaitRegistry(port);
        Registry registry = Registry.parse("127.0.0.1:" + port);
        Pull pull;
        try (EmptyNode node = EmptyNode.start(engine, Map.of(Labels.MANAGED, Labels.LADDER, Labels.RUN,
            "pull-it"), registry, cancel)) {
          pull = node.measure(IMAGE, "debian", "pull-it", List.of(Bandwidth.parse("1gbit")), log::add);
        }
        assertThat(pull.error()).as(String.join("\n", log)).isNull();
        assertThat(pull.repository()).isEqualTo("127.0.0.1:" + port + "/servescope/debian:pull-it");
        assertThat((double) pull.pulledBytes()).isCloseTo((double) onTheWire,
            org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(get(port, "/v2/_catalog").body()).as("nothing but this run's image")
            .isEqualTo("{\"repositories\":[\"servescope/debian\"]}\n");
        assertThat(engine.imageExists(pull.repository())).as("the push's tag taken off this engine again").isFalse();

        Registry nobody = Registry.parse("127.0.0.1:" + freePort());
        Pull refused;
        try (EmptyNode node = EmptyNode.start(engine, Map.of(Labels.MANAGED, Labels.LADDER, Labels.RUN,
            "pull-it"), nobody, cancel)) {
          refused = node.measure(IMAGE, "debian", "pull-it", List.of(Bandwidth.parse("1gbit")), log::add);
        }
        assertThat(refused.error()).startsWith("the registry " + nobody.address() + " did not take the image")
            .contains("reachable from the engine");
        assertThat(refused.pullMs()).isEmpty();

        // Cancelled as soon as the push is done: the pull that follows does not run, and the node goes.
        Cancellation stop = new Cancellation();
        try (EmptyNode node = EmptyNode.start(engine, Map.of(Labels.MANAGED, Labels.LADDER, Labels.RUN,
            "pull-it"), registry, stop)) {
          assertThatThrownBy(() -> node.measure(IMAGE, "debian", "pull-it-cancel", List.of(Bandwidth.parse(
              "1mbit")), line -> {
                if (line.startsWith("pushed ")) {
                  stop.cancel();
                }
              })).isInstanceOf(java.util.concurrent.CancellationException.class);
        }
        assertThat(engine.managedContainers()).as("only the user's registry left").containsExactly(users);
      } finally {
        engine.removeContainer(users);
      }
      assertThat(engine.managedContainers()).as("the nodes, their limiters and the registry removed").isEmpty();
    }
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The answer's status and body; status 0 while nothing listens. */
  private record Answer(int status, String body) {}

  private static Answer get(int port, String path) throws InterruptedException {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + port + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (java.io.IOException e) {
      return new Answer(0, "");
    }
  }

  /** Waits until the registry answers; fails after a bound no working registry comes near. */
  private static void awaitRegistry(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (get(port, "/v2/").status() != 200) {
      assertThat(System.nanoTime() - deadline).as("the registry answers within a minute").isNegative();
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }
}
