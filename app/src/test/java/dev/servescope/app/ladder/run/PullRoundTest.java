package dev.servescope.app.ladder.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.EngineInfo;
import dev.servescope.app.ladder.file.Bandwidth;
import dev.servescope.app.ladder.file.Registry;
import dev.servescope.app.ladder.result.Pull;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.VersionResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An image pulled before is not pulled again: its figures come from the run that measured them. */
class PullRoundTest {
  private static final Bandwidth GBIT = Bandwidth.parse("1gbit");
  private static final Bandwidth SLOW = Bandwidth.parse("100mbit");

  private static RunReport run(String id, Pull pull) {
    return new RunReport(id, "t", RunStatus.COMPLETE, null, new EngineInfo("20.10", "1.41", "h"), null,
        List.of(VersionResult.builder("v5", "servescope-ladder:v5").pull(pull).build()));
  }

  private static Pull measured(String imageId, Map<String, Long> ms) {
    return new Pull(imageId, "127.0.0.1:5000/servescope/v5:r", 50_000_000L, ms, ms, Map.of(), null, null);
  }

  @Test
  void theNewestPullOfTheSameImageAtEveryBandwidthAskedForIsReusedAndSaysWhere() {
    List<RunReport> newestFirst = List.of(
        run("r3", measured("sha256:other", Map.of("1gbit", 900L))),
        run("r2", measured("sha256:5", Map.of("1gbit", 1800L))),
        run("r1", measured("sha256:5", Map.of("1gbit", 1700L, "100mbit", 4900L))));
    assertThat(PullRound.reuse(newestFirst, "sha256:5", List.of(GBIT), null)).hasValueSatisfying(p -> {
      assertThat(p.reusedFrom()).isEqualTo("r2");
      assertThat(p.pullMs()).containsEntry("1gbit", 1800L);
    });
    assertThat(PullRound.reuse(newestFirst, "sha256:5", List.of(GBIT, SLOW), null))
        .as("only r1 pulled at both").hasValueSatisfying(p -> assertThat(p.reusedFrom()).isEqualTo("r1"));
  }

  @Test
  void aFailedOrAlreadyReusedPullOrAnotherImageIsNotReused() {
    List<RunReport> runs = List.of(
        run("r3", Pull.failed("sha256:5", "x", "stalled")),
        run("r2", measured("sha256:5", Map.of("1gbit", 1800L)).reusedFrom("r0")),
        run("r1", measured("sha256:6", Map.of("1gbit", 1700L))));
    assertThat(PullRound.reuse(runs, "sha256:5", List.of(GBIT), null)).isEmpty();
  }

  @Test
  void aPullFromTheNodesOwnRegistryIsNotReusedForTheUsersAndTheOtherWayRound() {
    Registry users = Registry.parse("127.0.0.1:5055");
    Pull fromUsers = new Pull("sha256:5", users.repository("v5", "r2"), 50_000_000L, Map.of("1gbit", 2100L),
        Map.of("1gbit", 2000L), Map.of(), null, null);
    List<RunReport> runs = List.of(run("r2", fromUsers), run("r1", measured("sha256:5", Map.of("1gbit", 1700L))));
    assertThat(PullRound.reuse(runs, "sha256:5", List.of(GBIT), users)).hasValueSatisfying(p ->
        assertThat(p.reusedFrom()).isEqualTo("r2"));
    assertThat(PullRound.reuse(runs, "sha256:5", List.of(GBIT), null)).hasValueSatisfying(p ->
        assertThat(p.reusedFrom()).isEqualTo("r1"));
    assertThat(PullRound.reuse(runs.subList(0, 1), "sha256:5", List.of(GBIT), Registry.parse("127.0.0.1:6000")))
        .as("another registry").isEmpty();
  }
}
