package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import org.junit.jupiter.api.Test;

class DockerEngineTest {

  @Test
  void connectionFailuresAreRecognisedThroughWrappers() {
    assertThat(EngineErrors.isConnectionProblem(new RuntimeException(new EOFException("gone")))).isTrue();
    assertThat(EngineErrors.isConnectionProblem(new IllegalStateException("bad request"))).isFalse();
    assertThat(EngineErrors.rootMessage(new RuntimeException("outer", new EOFException("inner")))).isEqualTo("inner");
  }

  @Test
  void onlyASocketOrLoopbackEngineSharesThisMachinesCpu() {
    assertThat(EngineHost.isLocal("unix:///var/run/docker.sock")).isTrue();
    assertThat(EngineHost.isLocal("tcp://127.0.0.1:2375")).isTrue();
    assertThat(EngineHost.isLocal("tcp://localhost:2376")).isTrue();
    assertThat(EngineHost.isLocal("tcp://10.0.0.5:2375")).isFalse();
    assertThat(EngineHost.isLocal("tcp://build-box.example:2376")).isFalse();
  }
}
