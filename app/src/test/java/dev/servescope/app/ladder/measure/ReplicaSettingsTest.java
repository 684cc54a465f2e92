package dev.servescope.app.ladder.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.app.ladder.file.Bandwidth;
import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.file.Registry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSettingsTest {

  @Test
  void theWarmUpRunsAtItsOwnRateWhenGivenElseAtTheLatencyPhases() {
    assertThat(ReplicaSettings.DEFAULTS.steadyRateOr(20)).isEqualTo(20);
    ReplicaSettings fast = new ReplicaSettings(Duration.ofSeconds(30), Duration.ofSeconds(5), Prices.NONE,
        List.of(Bandwidth.parse("1gbit")), 150, null);
    assertThat(fast.steadyRateOr(20)).isEqualTo(150);
    assertThat(fast.withPrices(Prices.parse("cpu_hour=1")).steadyRateOr(20)).as("kept by every copy").isEqualTo(150);
    assertThat(ReplicaSettings.DEFAULTS.bandwidths()).extracting(Bandwidth::name).containsExactly("1gbit");
  }

  @Test
  void settingsThatCannotBeMeasuredSaySo() {
    assertThatThrownBy(() -> new ReplicaSettings(Duration.ofSeconds(2), Duration.ZERO, Prices.NONE))
        .hasMessageContaining("at least 3 s");
    assertThatThrownBy(() -> new ReplicaSettings(Duration.ofSeconds(30), Duration.ZERO, Prices.NONE,
        List.of(Bandwidth.parse("1gbit"), Bandwidth.parse("1GBIT")))).hasMessageContaining("named twice");
    assertThatThrownBy(() -> new ReplicaSettings(Duration.ofSeconds(30), Duration.ZERO, Prices.NONE, List.of(), -1,
        null))
        .hasMessageContaining("warm-up's rate");
    assertThatThrownBy(() -> new ReplicaSettings(Duration.ofSeconds(30), Duration.ZERO, Prices.NONE, List.of(), 0,
        Registry.parse("127.0.0.1:5000"))).as("a registry with no pulls to go through it")
        .hasMessageContaining("--bandwidth off");
  }
}
