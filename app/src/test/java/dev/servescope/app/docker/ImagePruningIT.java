package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.BuildRequest;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.CleanItem;
import dev.servescope.app.ladder.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A multi-stage build's stages are labelled, so rebuilding keeps one set of stages (the cache) instead of piling up
 * untagged images, and clean finds all of them.
 */
class ImagePruningIT {
  private static final String VERSION = "it-stages";
  private static final String TAG = "servescope-test/stages:latest";

  private static String build(DockerEngine engine, Path ctx, String content) throws Exception {
    Files.writeString(ctx.resolve("a.txt"), content);
    Files.writeString(ctx.resolve("Dockerfile"), BuildContexts.labelEveryStage(
        "FROM scratch AS stage\nCOPY a.txt /a.txt\nFROM scratch\nCOPY --from=stage /a.txt /b.txt\n", VERSION));
    return engine.build(new BuildRequest(ctx, TAG, Map.of(), Map.of(Labels.MANAGED, Labels.LADDER, Labels.VERSION,
        VERSION)), line -> { }, new Cancellation());
  }

  @Test
  void rebuildingKeepsOneSetOfStagesAndCleanListsThem(@TempDir Path ctx) throws Exception {
    try (DockerEngine engine = DockerAvailable.engineOrSkip()) {
      Leftovers leftovers = engine.leftovers();
      try {
        build(engine, ctx, "one");
        List<String> first = ids(leftovers.untagged(VERSION));
        assertThat(first).as("the build stage, labelled").hasSize(1);

        build(engine, ctx, "one");
        assertThat(ids(leftovers.untagged(VERSION))).as("a cached rebuild reuses the stage").isEqualTo(first);

        String finalId = build(engine, ctx, "two");
        List<String> second = ids(leftovers.untagged(VERSION));
        assertThat(second).as("the superseded stage and image were pruned").hasSize(1).doesNotContainAnyElementsOf(
            first);

        List<CleanItem> listed = new ArrayList<>();
        engine.clean(false, true, listed::add);
        assertThat(listed).filteredOn(i -> i.action().equals(CleanItem.WOULD_REMOVE))
            .extracting(CleanItem::id).contains(Leftovers.shortId(second.get(0)))
            .contains(Leftovers.shortId(finalId));
      } finally {
        engine.removeImage(TAG);
        leftovers.untagged(VERSION).forEach(i -> leftovers.removeImage(i.getId()));
      }
      assertThat(leftovers.untagged(VERSION)).isEmpty();
    }
  }

  private static List<String> ids(List<com.github.dockerjava.api.model.Image> images) {
    return images.stream().map(com.github.dockerjava.api.model.Image::getId).sorted().toList();
  }
}
