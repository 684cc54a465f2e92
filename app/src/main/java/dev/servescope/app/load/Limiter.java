package dev.servescope.app.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bandwidth limiter for pulls: a TCP proxy on 127.0.0.1 that forwards every connection to a port on 127.0.0.1 and
 * paces what comes back (the downloads) through one {@link TokenBucket} for all connections, since an engine pulls
 * several layers at once. What goes up (requests) passes unpaced. It counts the bytes it paced. Without a bucket it
 * only counts.
 */
public final class Limiter implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;

  private final ServerSocket server;
  private final int target;
  private final TokenBucket bucket;
  private final AtomicLong down = new AtomicLong();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean closed;

  /**
   * Listens on 127.0.0.1:{@code listen} (0 for any free port) and forwards to 127.0.0.1:{@code target}.
   *
   * @param bucket the shared rate; null for no limit (bytes are still counted)
   */
  public Limiter(int listen, int target, TokenBucket bucket) throws IOException {
    this.server = new ServerSocket();
    this.server.setReuseAddress(true);
    this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listen));
    this.target = target;
    this.bucket = bucket;
    this.acceptor = new Thread(this::accept, "limiter-accept");
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  /** The port it listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** Bytes forwarded from the target back to the clients so far. */
  public long bytesDown() {
    return down.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        open.add(client);
        open.add(upstream);
        pump(client, upstream, null, false, "limiter-up");
        pump(upstream, client, bucket, true, "limiter-down");
      } catch (IOException e) {
        // A client whose upstream refused: its pull fails and says so.
      }
    }
  }

  /**
   * Copies {@code from} to {@code to} on its own thread, paced by {@code pace} when given and counted when
   * {@code count} (the way down). At the end of the way down both sockets close; at the end of the way up only the
   * upstream's writing side does, so that an answer still on its way down arrives whole.
   */
  private void pump(Socket from, Socket to, TokenBucket pace, boolean count, String name) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[pace == null ? BUFFER : pace.chunk()];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (pace != null) {
            pace.take(n);
          }
          if (count) {
            down.addAndGet(n);
          }
          out.write(buffer, 0, n);
          out.flush();
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
