package dev.servescope.app.ladder.file;

import static org.assertj.core.api.Assertions.assertThat;

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
  void buildArgumentsBecomeTheDefaultsOfTheBaseImagesTheBuildWillUse() {
    String dockerfile = """
        ARG NODE_IMAGE=node:20-bookworm-slim
        ARG JRE_IMAGE=eclipse-temurin:17-jre
        FROM ${NODE_IMAGE}
        ARG LATE_IMAGE=kept:1
        """;
    String resolved = DockerfileArgs.withDefaults(dockerfile, Map.of("NODE_IMAGE", "node:18-bookworm-slim",
        "LATE_IMAGE", "other:2"));
    assertThat(DockerfileArgs.baseImages(resolved)).containsExactly(
        Map.entry("NODE_IMAGE", "node:18-bookworm-slim"), Map.entry("JRE_IMAGE", "eclipse-temurin:17-jre"));
    assertThat(resolved).endsWith("ARG LATE_IMAGE=kept:1\n").contains("FROM ${NODE_IMAGE}\n");
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
}
