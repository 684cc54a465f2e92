package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Build output as the log view and {@code ladder --verbose} show it. */
class BuildOutputTest {

  @Test
  void colourCodesTheBuilderAddsAroundStderrAreRemoved() {
    assertThat(DockerImages.plainText("\u001b[91m[main] INFO ServerMain - warm-up: negative\n"))
        .isEqualTo("[main] INFO ServerMain - warm-up: negative\n");
    assertThat(DockerImages.plainText("\u001b[0m")).isBlank();
    assertThat(DockerImages.plainText("\u001b[1;31mbold red\u001b[0m and \u001b[?25lplain")).isEqualTo(
        "bold red and plain");
    assertThat(DockerImages.plainText("Step 7/17 : RUN jlink --add-modules java.base [x]"))
        .isEqualTo("Step 7/17 : RUN jlink --add-modules java.base [x]");
  }
}
