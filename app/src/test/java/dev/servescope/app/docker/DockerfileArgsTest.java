package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileArgsTest {

  @Test
  void readsOnlyGlobalImageArguments() {
    String dockerfile = """
        # lesson line one
        # lesson line two
        ARG BUILD_IMAGE=eclipse-temurin:17-jdk
        ARG RUNTIME_IMAGE="debian:bookworm-slim"
        ARG OTHER=1
        FROM ${BUILD_IMAGE} AS build
        ARG LATE_IMAGE=ignored:1
        """;
    assertThat(DockerfileArgs.baseImages(dockerfile)).containsExactly(
        Map.entry("BUILD_IMAGE", "eclipse-temurin:17-jdk"), Map.entry("RUNTIME_IMAGE", "debian:bookworm-slim"));
    assertThat(DockerfileArgs.leadingComment(dockerfile)).isEqualTo("lesson line one lesson line two");
  }

  @Test
  void reflowsTheLessonIntoBulletsAndParagraphs() {
    String dockerfile = """
        # v9 title: what it shows.
        # - a first point that was
        #   wrapped for the file;
        # - a second point.
        #
        # A closing paragraph
        # on two lines.
        ARG BASE_IMAGE=debian:bookworm-slim
        # not part of the lesson
        FROM ${BASE_IMAGE}
        """;
    assertThat(DockerfileArgs.leadingComment(dockerfile)).isEqualTo("""
        v9 title: what it shows.
        - a first point that was wrapped for the file;
        - a second point.

        A closing paragraph on two lines.""");
  }

  @Test
  void everyLadderDockerfileHasALessonAndBasesServeScopeCanMakeOffline() throws Exception {
    ProjectLayout layout = new ProjectLayout(Path.of("..").toAbsolutePath().normalize());
    for (LadderVersion v : LadderVersion.ALL) {
      String text = Files.readString(v.dir(layout).resolve("Dockerfile"));
      assertThat(v.lesson(layout)).as(v.id()).contains(v.id());
      Map<String, String> bases = DockerfileArgs.baseImages(text);
      assertThat(bases).as(v.id()).isNotEmpty();
      bases.values().forEach(ref -> assertThat(BaseImages.recipeFor(ref)).as(ref).isPresent());
      assertThat(text).as("no BuildKit-only syntax: docker-java uses the classic builder").doesNotContain("--mount");
    }
  }

  @Test
  void recipesMatchTheTagsTheyStandFor() {
    assertThat(BaseImages.recipeFor("eclipse-temurin:17.0.13_11-jre")).get()
        .extracting(BaseImages.Recipe::localRef).isEqualTo("servescope-base/jre:17");
    assertThat(BaseImages.recipeFor("eclipse-temurin:17.0.13_11-jdk")).get()
        .extracting(BaseImages.Recipe::localRef).isEqualTo("servescope-base/jdk:17");
    assertThat(BaseImages.recipeFor("debian:bookworm-slim")).get()
        .extracting(BaseImages.Recipe::localRef).isEqualTo(BaseImages.LOCAL_DEBIAN);
    assertThat(BaseImages.recipeFor("alpine:3")).isEmpty();
  }
}
