package dev.servescope.inference.server;

import java.net.InetAddress;

/**
 * How the prediction server listens and how much it takes on at once.
 *
 * @param bindAddress address to listen on
 * @param port TCP port, 0 for any free one
 * @param workers requests classified at the same time
 * @param queue requests waiting for a worker; beyond that the server answers 503
 * @param maxBodyBytes largest request body accepted; beyond that the server answers 413
 */
public record ServerConfig(InetAddress bindAddress, int port, int workers, int queue, int maxBodyBytes) {

  /** 1 MB: far above the model's token limit, small enough that a burst cannot exhaust the heap. */
  public static final int DEFAULT_MAX_BODY = 1 << 20;

  public ServerConfig {
    if (port < 0 || port > 65535 || workers < 1 || queue < 0 || maxBodyBytes < 1) {
      throw new IllegalArgumentException("invalid server config: port " + port + ", workers " + workers
          + ", queue " + queue + ", max body " + maxBodyBytes);
    }
  }

  /** Listens on all interfaces (inside a container that is what a published port needs). */
  public static ServerConfig allInterfaces(int port, int workers) {
    return new ServerConfig(new java.net.InetSocketAddress(0).getAddress(), port, workers, 64, DEFAULT_MAX_BODY);
  }

  /** Listens on loopback only. */
  public static ServerConfig loopback(int port, int workers) {
    return new ServerConfig(InetAddress.getLoopbackAddress(), port, workers, 64, DEFAULT_MAX_BODY);
  }

  public ServerConfig withQueue(int newQueue) {
    return new ServerConfig(bindAddress, port, workers, newQueue, maxBodyBytes);
  }
}
