package dev.servescope.app.ladder.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BandwidthTest {

  @Test
  void bitsAsPeopleWriteThemBecomeBytesPerSecond() {
    assertThat(Bandwidth.parse("100mbit")).isEqualTo(new Bandwidth("100mbit", 12_500_000));
    assertThat(Bandwidth.parse(" 1GBIT ")).isEqualTo(new Bandwidth("1gbit", 125_000_000));
    assertThat(Bandwidth.parse("2.5gbit").bytesPerSecond()).isEqualTo(312_500_000);
    assertThat(Bandwidth.parse("512kbit").bytesPerSecond()).isEqualTo(64_000);
    assertThat(Bandwidth.parse("unlimited").unlimited()).isTrue();
  }

  @Test
  void anUnknownOrAbsurdBandwidthSaysWhatItTakes() {
    assertThatThrownBy(() -> Bandwidth.parse("100mb")).hasMessageContaining("write it as 100mbit, 1gbit");
    assertThatThrownBy(() -> Bandwidth.parse("fast")).hasMessageContaining("unknown bandwidth 'fast'");
    assertThatThrownBy(() -> Bandwidth.parse("1kbit")).hasMessageContaining("outside 64kbit to 100gbit");
    assertThatThrownBy(() -> Bandwidth.parse("1000gbit")).hasMessageContaining("outside");
  }
}
