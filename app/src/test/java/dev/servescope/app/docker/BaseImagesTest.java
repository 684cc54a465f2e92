package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.file.DockerfileArgs;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.host.ProjectLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaseImagesTest {

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
    assertThat(BaseImages.recipeFor("eclipse-temurin:25-jdk")).get()
        .satisfies(r -> assertThat(r.localRef()).isEqualTo("servescope-base/jdk:25"))
        .satisfies(r -> assertThat(r.hostJdk()).as("made from this machine's Java 25").isEqualTo(25));
    assertThat(BaseImages.recipeFor("eclipse-temurin:17.0.13_11-jdk")).get().extracting(BaseImages.Recipe::hostJdk)
        .isEqualTo(0);
    assertThat(BaseImages.recipeFor("python:3.11-slim-bookworm")).get()
        .extracting(BaseImages.Recipe::localRef).isEqualTo("servescope-base/python:3.11-slim");
    assertThat(BaseImages.recipeFor("python:3.11.2-bookworm")).get()
        .extracting(BaseImages.Recipe::localRef).isEqualTo("servescope-base/python:3.11");
    assertThat(BaseImages.recipeFor("python:3.12-slim")).as("Debian 12 has no other Python").isEmpty();
    assertThat(BaseImages.recipeFor("alpine:3")).isEmpty();
  }
}
