package dev.servescope.app.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One end of a {@link Limiter}, as the load agent's command line names it: {@code PORT} (127.0.0.1), {@code HOST:PORT}
 * (a registry, looked up per connection) or an absolute path (a Unix socket, which two containers sharing a volume
 * both reach, whatever their network namespaces).
 */
public sealed interface Endpoint {

  /** A TCP port on 127.0.0.1. */
  record Loopback(int port) implements Endpoint {}

  /** A host and port; a bracketed IPv6 address is taken without its brackets. */
  record Remote(String host, int port) implements Endpoint {}

  /** A Unix socket's path. */
  record Unix(Path path) implements Endpoint {}

  /**
   * @throws IllegalArgumentException for anything else
   */
  static Endpoint parse(String text) {
    if (text.startsWith("/")) {
      return new Unix(Path.of(text));
    }
    int colon = text.lastIndexOf(':');
    try {
      if (colon < 0) {
        return new Loopback(Integer.parseInt(text));
      }
      return new Remote(text.substring(0, colon).replaceAll("^\\[(.*)]$", "$1"),
          Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not PORT, HOST:PORT or /PATH: " + text, e);
    }
  }

  /** Opens a blocking connection to this end. */
  default SocketChannel connect() throws IOException {
    return SocketChannel.open(address());
  }

  /** Listens on this end (a {@link Remote} end cannot be listened on; a Unix socket left by a crash is replaced). */
  default ServerSocketChannel listen() throws IOException {
    if (this instanceof Remote) {
      throw new IllegalArgumentException("a limiter listens on 127.0.0.1 or a Unix socket only");
    }
    if (this instanceof Unix u) {
      Files.deleteIfExists(u.path());
      return ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address());
    }
    ServerSocketChannel tcp = ServerSocketChannel.open();
    tcp.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    return tcp.bind(address());
  }

  private SocketAddress address() {
    if (this instanceof Loopback l) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), l.port());
    }
    if (this instanceof Remote r) {
      return new InetSocketAddress(r.host(), r.port());
    }
    return UnixDomainSocketAddress.of(((Unix) this).path());
  }
}
