package dev.servescope.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.result.Pull;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.result.Warmup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaTextTest {

  private static VersionResult pulledFrom(String repository) {
    return VersionResult.builder("v5", "servescope-ladder:v5").pull(new Pull("sha256:5", repository, 50_069_506L,
        Map.of("1gbit", 1779L), Map.of("1gbit", 544L), Map.of("1gbit", 1235L), null, null)).build();
  }

  @Test
  void aPullFromTheUsersRegistryNamesTheRepositoryItLeftThereAndTheNodesOwnGoesUnsaid() {
    assertThat(ReplicaText.pull(pulledFrom("10.0.0.5:5000/servescope/v5:20261204t1"))).isEqualTo("pulled 50.1 MB"
        + " from 10.0.0.5:5000/servescope/v5:20261204t1: 1.8 s at 1gbit (download 0.5 s, then extraction 1.2 s)");
    assertThat(ReplicaText.pull(pulledFrom("127.0.0.1:5000/servescope/v5:20261204t1"))).isEqualTo("pulled 50.1 MB:"
        + " 1.8 s at 1gbit (download 0.5 s, then extraction 1.2 s)");
  }

  @Test
  void theWarmUpSaysTheRateItRanAtWhenTheRunKeptIt() {
    Warmup at150 = Warmup.of(List.of(new Warmup.Start(3000, 182, 30_000, 1000, List.of(9.0, 5.0, 5.1, 5.0), 150)));
    assertThat(at150.ratePerS()).isEqualTo(150.0);
    assertThat(ReplicaText.warmup(at150)).isEqualTo("steady 3.0 s after the first answer at 150 requests/s (182"
        + " slower answers before)");
    Warmup older = Warmup.of(List.of(new Warmup.Start(3000, 1, 30_000, 1000, List.of(5.0, 5.0, 5.0))));
    assertThat(older.ratePerS()).as("not known").isNull();
    assertThat(ReplicaText.warmup(older)).isEqualTo("steady 3.0 s after the first answer (1 slower answer before)");
  }
}
