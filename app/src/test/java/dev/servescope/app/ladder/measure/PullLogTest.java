package dev.servescope.app.ladder.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A pull's phases from the node engine's stamped lines. */
class PullLogTest {

  @Test
  void theDownloadEndsAtTheLastLayersDownloadAndExtractionIsWhatIsLeft() {
    List<String> lines = List.of(
        "start 1000000000",
        "1002000000 run1: Pulling from servescope/v5",
        "1010000000 a1b2: Pulling fs layer",
        "1010000001 c3d4: Pulling fs layer",
        "1900000000 a1b2: Download complete",
        "1950000000 a1b2: Extracting",
        "3100000000 c3d4: Verifying Checksum",
        "3150000000 c3d4: Download complete",
        "3900000000 c3d4: Pull complete",
        "3950000000 Status: Downloaded newer image for 127.0.0.1:5001/servescope/v5:run1",
        "3960000000 exit 0");
    assertThat(PullLog.parse(lines)).contains(new PullLog(2960, 2150, 810));
  }

  @Test
  void aPullThatFailedHasNoFiguresAndSaysWhatTheEngineSaid() {
    List<String> lines = List.of("start 1000000000",
        "1100000000 Error response from daemon: manifest for 127.0.0.1:5001/servescope/v5:r not found",
        "1100000001 exit 1");
    assertThat(PullLog.parse(lines)).isEmpty();
    assertThat(PullLog.failure(lines)).isEqualTo("Error response from daemon: manifest for"
        + " 127.0.0.1:5001/servescope/v5:r not found");
    assertThat(PullLog.parse(List.of("start 5", "garbage"))).as("a pull cut off before its end").isEmpty();
    assertThat(PullLog.failure(List.of())).isEqualTo("the node's engine said nothing");
  }
}
