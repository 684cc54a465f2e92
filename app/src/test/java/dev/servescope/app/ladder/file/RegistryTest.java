package dev.servescope.app.ladder.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryTest {

  @Test
  void aRegistryIsAHostAndAPortAndNamesEachRungsRepository() {
    Registry r = Registry.parse(" Registry.Corp.Internal:5443 ");
    assertThat(r.host()).isEqualTo("registry.corp.internal");
    assertThat(r.port()).isEqualTo(5443);
    assertThat(r.repository("My Rung", "20261204T152548-998EC8"))
        .isEqualTo("registry.corp.internal:5443/servescope/my-rung:20261204t152548-998ec8");
    assertThat(Registry.parse("127.0.0.1:5000").address()).isEqualTo("127.0.0.1:5000");
    assertThat(Registry.parse("[::1]:5000").host()).isEqualTo("[::1]");
  }

  @Test
  void anythingButHostAndPortSaysWhatItTakes() {
    assertThatThrownBy(() -> Registry.parse("http://127.0.0.1:5000")).hasMessageContaining("no scheme");
    assertThatThrownBy(() -> Registry.parse("127.0.0.1:5000/team")).hasMessageContaining("no path");
    assertThatThrownBy(() -> Registry.parse("127.0.0.1")).hasMessageContaining("with the port");
    assertThatThrownBy(() -> Registry.parse("")).hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> Registry.parse("127.0.0.1:70000")).hasMessageContaining("1 to 65535");
    assertThatThrownBy(() -> Registry.parse("bad_host:5000")).hasMessageContaining("HOST:PORT");
  }
}
