package dev.servescope.app.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bandwidth limiter for pulls: a proxy that forwards every connection it accepts to a registry and paces what comes
 * back (the downloads) through one {@link TokenBucket} for all connections, since an engine pulls several layers at
 * once. What goes up (requests) passes unpaced. It counts the bytes it paced. Without a bucket it only counts: a
 * plain relay, as between a Unix socket and a registry in another network namespace.
 */
public final class Limiter implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;

  private final ServerSocketChannel server;
  private final Endpoint target;
  private final TokenBucket bucket;
  private final AtomicLong down = new AtomicLong();
  private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * Listens on 127.0.0.1:{@code listen} (0 for any free port) and forwards to 127.0.0.1:{@code target}.
   *
   * @param bucket the shared rate; null for no limit (bytes are still counted)
   */
  public Limiter(int listen, int target, TokenBucket bucket) throws IOException {
    this(new Endpoint.Loopback(listen), new Endpoint.Loopback(target), bucket);
  }

  /**
   * Listens on {@code listen} and forwards to {@code target}, connecting anew for each connection.
   *
   * @param bucket the shared rate; null for no limit (bytes are still counted)
   */
  public Limiter(Endpoint listen, Endpoint target, TokenBucket bucket) throws IOException {
    this.server = listen.listen();
    this.target = target;
    this.bucket = bucket;
    Thread acceptor = new Thread(this::accept, "limiter-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The TCP port it listens on; 0 on a Unix socket. */
  public int port() {
    try {
      return server.getLocalAddress() instanceof InetSocketAddress a ? a.getPort() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Bytes forwarded from the target back to the clients so far. */
  public long bytesDown() {
    return down.get();
  }

  private void accept() {
    while (!closed) {
      try {
        SocketChannel client = server.accept();
        open.add(client);
        SocketChannel upstream;
        try {
          upstream = target.connect();
        } catch (IOException e) {
          // A client whose upstream refused: its pull fails and says so.
          closeQuietly(client);
          continue;
        }
        open.add(upstream);
        pump(client, upstream, null, false, "limiter-up");
        pump(upstream, client, bucket, true, "limiter-down");
      } catch (IOException e) {
        // Closed.
        return;
      }
    }
  }

  /**
   * Copies {@code from} to {@code to} on its own thread, paced by {@code pace} when given and counted when
   * {@code count} (the way down). At the end of the way down both channels close; at the end of the way up only the
   * upstream's writing side does, so that an answer still on its way down arrives whole.
   */
  private void pump(SocketChannel from, SocketChannel to, TokenBucket pace, boolean count, String name) {
    Thread t = new Thread(() -> {
      ByteBuffer buffer = ByteBuffer.allocate(pace == null ? BUFFER : pace.chunk());
      try {
        while (from.read(buffer) >= 0) {
          buffer.flip();
          int n = buffer.remaining();
          if (pace != null) {
            pace.take(n);
          }
          if (count) {
            down.addAndGet(n);
          }
          while (buffer.hasRemaining()) {
            to.write(buffer);
          }
          buffer.clear();
        }
      } catch (IOException e) {
        // The other side closed: the connection is over.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (count) {
          closeQuietly(from);
          closeQuietly(to);
        } else {
          closeQuietly(to::shutdownOutput);
        }
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    open.forEach(Limiter::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Closing on the way out.
    }
  }
}
