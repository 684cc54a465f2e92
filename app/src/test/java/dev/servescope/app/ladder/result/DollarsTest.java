package dev.servescope.app.ladder.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.app.ladder.ImageFigures;
import dev.servescope.app.ladder.file.Prices;
import org.junit.jupiter.api.Test;

/** Dollars from stated prices, and the prices as a user writes them. */
class DollarsTest {
  private static final VersionResult V5 = VersionResult.builder("v5", "servescope-ladder:v5")
      .throughput(500, null)
      .memoryBytes(250_000_000L)
      .imageFigures(new ImageFigures(0, 1.0, 40_000_000L))
      .cpu(2.0, 3.0)
      .build();

  @Test
  void aMillionPredictionsCostTheirCpuTimeAndTheMemoryHeldMeanwhile() {
    // 2 CPU ms each: a million take 2,000 CPU s = 0.5556 CPU-hours, $0.0222 at $0.04. At 500/s a prediction holds
    // 0.25 GB for 2 ms: a million hold 0.25 GB for 2,000 s = 0.1389 GB-hours, $0.0007 at $0.005.
    assertThat(Dollars.of(V5, Prices.parse("cpu_hour=0.04")).perMillionPredictions()).isEqualTo(0.0222);
    assertThat(Dollars.of(V5, Prices.parse("cpu_hour=0.04,mem_gb_hour=0.005")).perMillionPredictions())
        .isEqualTo(0.0229);
  }

  @Test
  void pullsAndStorageCostTheImagesBytesOnTheWire() {
    Dollars d = Dollars.of(V5, Prices.parse("egress_gb=0.09, gb_month=$0.10"));
    assertThat(d.per1000Pulls()).as("40 MB x 1,000 = 40 GB at $0.09").isEqualTo(3.6);
    assertThat(d.perMonthStored()).as("0.04 GB at $0.10").isEqualTo(0.004);
    assertThat(d.perMillionPredictions()).as("no CPU price stated").isNull();
  }

  @Test
  void aFigureThatWasNotMeasuredHasNoPrice() {
    VersionResult unmeasured = VersionResult.builder("svc", "mine:1").build();
    Dollars d = Dollars.of(unmeasured, Prices.parse("cpu_hour=0.04,egress_gb=0.09,gb_month=0.1"));
    assertThat(d).isEqualTo(new Dollars(null, null, null));
  }

  @Test
  void pricesSayWhatTheyAssumeAndRefuseWhatTheyCannotRead() {
    assertThat(Prices.parse("cpu_hour=0.04,egress_gb=0.09").assumptions())
        .isEqualTo("assuming $0.04 per CPU-hour, $0.09 per GB of egress");
    assertThat(Prices.NONE.assumptions()).isEqualTo("no prices stated");
    assertThatThrownBy(() -> Prices.parse("cpu=0.04")).hasMessageContaining("unknown price 'cpu'")
        .hasMessageContaining("cpu_hour");
    assertThatThrownBy(() -> Prices.parse("cpu_hour=cheap")).hasMessageContaining("not 'cheap'");
    assertThatThrownBy(() -> Prices.parse("cpu_hour=-1")).hasMessageContaining("0 or more");
    assertThatThrownBy(() -> Prices.parse("cpu_hour")).hasMessageContaining("NAME=DOLLARS");
    assertThatThrownBy(() -> Prices.parse("cpu_hour=1,cpu_hour=2")).hasMessageContaining("given twice");
  }
}
