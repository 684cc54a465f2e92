package dev.servescope.inference.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK server's process-wide limits come from the first config unless the command line set them. */
class JdkServerLimitsTest {
  private String savedTimeout;
  private String savedConnections;

  @BeforeEach
  void save() {
    savedTimeout = System.getProperty(JdkServerLimits.MAX_REQ_TIME);
    savedConnections = System.getProperty(JdkServerLimits.MAX_CONNECTIONS);
  }

  @AfterEach
  void restore() {
    restore(JdkServerLimits.MAX_REQ_TIME, savedTimeout);
    restore(JdkServerLimits.MAX_CONNECTIONS, savedConnections);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  private static ServerConfig config(int timeoutSeconds, int connections) {
    return new ServerConfig(InetAddress.getLoopbackAddress(), 0, 1, 1, 100)
        .withLimits(Duration.ofSeconds(timeoutSeconds), connections);
  }

  @Test
  void theFirstConfigSetsTheLimitsWhenNothingElseDid() {
    System.clearProperty(JdkServerLimits.MAX_REQ_TIME);
    System.clearProperty(JdkServerLimits.MAX_CONNECTIONS);
    JdkServerLimits.InForce inForce = JdkServerLimits.apply(config(7, 99));
    assertThat(inForce).isEqualTo(new JdkServerLimits.InForce(Duration.ofSeconds(7), 99));
    assertThat(System.getProperty(JdkServerLimits.MAX_REQ_TIME)).isEqualTo("7");
    // A second config cannot change what the JDK has read: the limits in force are reported as they are.
    assertThat(JdkServerLimits.apply(config(30, 500))).isEqualTo(inForce);
  }

  @Test
  void limitsGivenOnTheCommandLineWin() {
    System.setProperty(JdkServerLimits.MAX_REQ_TIME, "3");
    System.setProperty(JdkServerLimits.MAX_CONNECTIONS, "40");
    assertThat(JdkServerLimits.apply(config(10, 256)))
        .isEqualTo(new JdkServerLimits.InForce(Duration.ofSeconds(3), 40));
  }

  @Test
  void nonsenseOnTheCommandLineIsRefusedWithTheNames() {
    System.setProperty(JdkServerLimits.MAX_REQ_TIME, "soon");
    assertThatThrownBy(() -> JdkServerLimits.apply(config(10, 256))).hasMessageContaining(JdkServerLimits.MAX_REQ_TIME);
  }

  @Test
  void aConfigWithoutATimeoutOrCapIsRejected() {
    assertThatThrownBy(() -> config(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> config(5, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
