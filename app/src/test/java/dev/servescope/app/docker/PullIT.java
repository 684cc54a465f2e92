package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.image.ImageInspector;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.Labels;
import dev.servescope.app.ladder.file.Bandwidth;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.EmptyNode;
import dev.servescope.app.ladder.measure.SidecarLoad;
import dev.servescope.app.ladder.result.Pull;
import java.nio.file.Path;
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
          cancel)) {
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
}
