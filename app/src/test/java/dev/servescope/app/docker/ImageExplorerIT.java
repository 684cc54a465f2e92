package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.image.ImageDiff;
import dev.servescope.app.image.ImageInspector;
import dev.servescope.app.image.ImageReport;
import dev.servescope.app.ladder.BuildRequest;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.host.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images built for the test with known answers: a file removed by a later layer, one overwritten, a hard link that
 * outlives its target, a folder removed and made again (an opaque folder): exact wasted bytes, exact diff entries.
 */
class ImageExplorerIT {
  private static final String A = "servescope-test/explore:a";
  private static final String B = "servescope-test/explore:b";
  private static final String FIRST = """
      ARG BASE_IMAGE=debian:bookworm-slim
      FROM ${BASE_IMAGE}
      COPY big.bin keep.bin /data/
      COPY opq/ /opq/
      """;
  private static final String THEN = """
      COPY keep2/keep.bin /data/keep.bin
      RUN rm /data/big.bin
      RUN mkdir /h && head -c 5000 /dev/urandom > /h/t && ln /h/t /h/l
      RUN rm /h/t
      RUN rm -rf /opq && mkdir /opq && echo x > /opq/new
      """;

  private static void random(Path file, int bytes) throws Exception {
    byte[] b = new byte[bytes];
    new Random(bytes).nextBytes(b);
    Files.createDirectories(file.getParent());
    Files.write(file, b);
  }

  @Test
  void wastedBytesAndTheDiffAreExact(@TempDir Path ctx) throws Exception {
    random(ctx.resolve("big.bin"), 100_000);
    random(ctx.resolve("keep.bin"), 30_000);
    random(ctx.resolve("keep2/keep.bin"), 40_000);
    random(ctx.resolve("opq/a"), 20_000);
    random(ctx.resolve("opq/b"), 10_000);
    ProjectLayout layout = new ProjectLayout(Path.of("..").toAbsolutePath().normalize());
    try (DockerEngine engine = DockerAvailable.engineOrSkip()) {
      String base = new BaseImages(engine, layout.dockerfiles().resolve("base"), ctx)
          .resolve("debian:bookworm-slim", line -> { }, status -> { }, new Cancellation());
      try {
        Files.writeString(ctx.resolve("Dockerfile"), FIRST);
        engine.build(new BuildRequest(ctx, A, Map.of("BASE_IMAGE", base), Map.of()), line -> { }, new Cancellation());
        Files.writeString(ctx.resolve("Dockerfile"), FIRST + THEN);
        engine.build(new BuildRequest(ctx, B, Map.of("BASE_IMAGE", base), Map.of()), line -> { }, new Cancellation());

        ImageInspector inspector = new ImageInspector(engine);
        ImageReport b = inspector.inspect(B, 5, n -> { }).report();
        // big.bin removed (100,000), keep.bin overwritten (30,000), the opaque folder's a and b (30,000); /h/t's
        // 5,000 bytes live on in its hard link /h/l.
        assertThat(b.wastedBytes()).isEqualTo(160_000);
        assertThat(b.sizeBytes()).isEqualTo(engine.imageSize(B));
        assertThat(b.layers().stream().mapToLong(ImageReport.LayerReport::sizeBytes).sum()).isEqualTo(b.sizeBytes());
        assertThat(b.efficiency()).isLessThan(1.0);
        List<ImageReport.LayerReport> mine = b.layers().subList(b.layers().size() - 5, b.layers().size());
        assertThat(mine).extracting(ImageReport.LayerReport::filesAdded, ImageReport.LayerReport::filesChanged,
            ImageReport.LayerReport::filesRemoved, ImageReport.LayerReport::wastedBytes).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 1, 0, 30_000L),
                org.assertj.core.groups.Tuple.tuple(0, 0, 1, 100_000L),
                org.assertj.core.groups.Tuple.tuple(2, 0, 0, 0L),
                org.assertj.core.groups.Tuple.tuple(0, 0, 1, 0L),
                org.assertj.core.groups.Tuple.tuple(1, 0, 2, 30_000L));
        assertThat(mine.get(1).createdBy()).contains("rm /data/big.bin");

        ImageDiff diff = inspector.diff(A, B, n -> { });
        assertThat(diff.changes()).containsExactly(
            new ImageDiff.Change("/data/big.bin", "removed", 100_000, 0),
            new ImageDiff.Change("/opq/a", "removed", 20_000, 0),
            new ImageDiff.Change("/data/keep.bin", "changed", 30_000, 40_000),
            new ImageDiff.Change("/opq/b", "removed", 10_000, 0),
            new ImageDiff.Change("/h/l", "added", 0, 5_000),
            new ImageDiff.Change("/opq/new", "added", 0, 2));
        assertThat(diff.deltaBytes()).isEqualTo(-100_000 + 10_000 - 30_000 + 5_000 + 2);
      } finally {
        engine.removeImage(B);
        engine.removeImage(A);
      }
    }
  }
}
