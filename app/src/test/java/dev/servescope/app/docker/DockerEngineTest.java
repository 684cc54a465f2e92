package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import org.junit.jupiter.api.Test;

class DockerEngineTest {

  @Test
  void connectionFailuresAreRecognisedThroughWrappers() {
    assertThat(DockerEngine.isConnectionProblem(new RuntimeException(new EOFException("gone")))).isTrue();
    assertThat(DockerEngine.isConnectionProblem(new IllegalStateException("bad request"))).isFalse();
    assertThat(DockerEngine.rootMessage(new RuntimeException("outer", new EOFException("inner")))).isEqualTo("inner");
  }
}
