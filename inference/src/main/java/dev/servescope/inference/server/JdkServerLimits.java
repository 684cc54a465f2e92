package dev.servescope.inference.server;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's HTTP server takes its request timeout, connection cap and {@code TCP_NODELAY} from system properties that
 * it reads once per process, when its first server is made. This sets them from the first {@link ServerConfig} unless
 * the command line already did, and reports what is in force, so that a later server with other limits is told.
 */
final class JdkServerLimits {
  private static final Logger LOG = LoggerFactory.getLogger(JdkServerLimits.class);

  static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
  static final String MAX_CONNECTIONS = "jdk.httpserver.maxConnections";
  private static final String NODELAY = "sun.net.httpserver.nodelay";

  /**
   * The limits in force for every server of this process.
   *
   * @param requestTimeout time to receive a request, in whole seconds
   * @param maxConnections open connections at most
   */
  record InForce(Duration requestTimeout, int maxConnections) {}

  private JdkServerLimits() {}

  static synchronized InForce apply(ServerConfig config) {
    setIfAbsent(MAX_REQ_TIME, String.valueOf(config.requestTimeout().toSeconds()));
    setIfAbsent(MAX_CONNECTIONS, String.valueOf(config.maxConnections()));
    // Without TCP_NODELAY, Nagle's algorithm and delayed ACKs add milliseconds to every small JSON answer.
    setIfAbsent(NODELAY, "true");
    InForce inForce = new InForce(Duration.ofSeconds(Long.getLong(MAX_REQ_TIME, -1)),
        Integer.getInteger(MAX_CONNECTIONS, -1));
    if (inForce.requestTimeout().toSeconds() < 1 || inForce.maxConnections() < 1) {
      throw new IllegalStateException("-D" + MAX_REQ_TIME + " and -D" + MAX_CONNECTIONS
          + " must be positive whole numbers; found " + System.getProperty(MAX_REQ_TIME) + " and "
          + System.getProperty(MAX_CONNECTIONS));
    }
    if (!inForce.requestTimeout().equals(Duration.ofSeconds(config.requestTimeout().toSeconds()))
        || inForce.maxConnections() != config.maxConnections()) {
      LOG.warn("this process's HTTP limits are already set: request timeout {} s, {} connections (asked for {} s, {})",
          inForce.requestTimeout().toSeconds(), inForce.maxConnections(), config.requestTimeout().toSeconds(),
          config.maxConnections());
    }
    return inForce;
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }
}
