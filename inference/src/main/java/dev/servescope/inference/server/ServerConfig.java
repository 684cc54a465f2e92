package dev.servescope.inference.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * How the prediction server listens and how much it takes on at once.
 *
 * @param bindAddress address to listen on
 * @param port TCP port, 0 for any free one
 * @param workers requests classified at the same time
 * @param queue requests waiting for a worker; beyond that the server answers 503
 * @param maxBodyBytes largest request body accepted; beyond that the server answers 413
 * @param requestTimeout longest time a client may take to send its request line, headers and body; the connection is
 *     closed after it (whole seconds: the JDK's server counts in seconds)
 * @param maxConnections open connections at most, idle keep-alive ones included; further connections are closed as
 *     soon as they are accepted
 */
public record ServerConfig(InetAddress bindAddress, int port, int workers, int queue, int maxBodyBytes,
    Duration requestTimeout, int maxConnections) {

  /** 1 MB: far above the model's token limit, small enough that a burst cannot exhaust the heap. */
  public static final int DEFAULT_MAX_BODY = 1 << 20;

  /** A 1 MB body over a slow link still fits; a client that stalls mid-request is cut off. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Each connection may hold one reader thread while its request arrives; this caps those threads too. */
  public static final int DEFAULT_MAX_CONNECTIONS = 256;

  public ServerConfig {
    if (port < 0 || port > 65535 || workers < 1 || queue < 0 || maxBodyBytes < 1 || maxConnections < 1
        || requestTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("invalid server config: port " + port + ", workers " + workers
          + ", queue " + queue + ", max body " + maxBodyBytes + ", request timeout " + requestTimeout
          + ", max connections " + maxConnections);
    }
  }

  /** The given limits, with the default request timeout and connection cap. */
  public ServerConfig(InetAddress bindAddress, int port, int workers, int queue, int maxBodyBytes) {
    this(bindAddress, port, workers, queue, maxBodyBytes, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
  }

  /** Listens on all interfaces (inside a container that is what a published port needs). */
  public static ServerConfig allInterfaces(int port, int workers) {
    return new ServerConfig(new InetSocketAddress(0).getAddress(), port, workers, 64, DEFAULT_MAX_BODY);
  }

  /** Listens on loopback only. */
  public static ServerConfig loopback(int port, int workers) {
    return new ServerConfig(InetAddress.getLoopbackAddress(), port, workers, 64, DEFAULT_MAX_BODY);
  }

  public ServerConfig withQueue(int newQueue) {
    return new ServerConfig(bindAddress, port, workers, newQueue, maxBodyBytes, requestTimeout, maxConnections);
  }

  public ServerConfig withLimits(Duration newRequestTimeout, int newMaxConnections) {
    return new ServerConfig(bindAddress, port, workers, queue, maxBodyBytes, newRequestTimeout, newMaxConnections);
  }
}
