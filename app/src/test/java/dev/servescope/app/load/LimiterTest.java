package dev.servescope.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull limiter over real sockets on loopback, with a clock that moves only when the bucket waits: its rate is then
 * exact to measure whatever the machine is doing.
 */
class LimiterTest {
  private static final int CONNECTIONS = 3;
  private static final int EACH = 3_500_000;

  /** Virtual time: waiting until a time jumps there. */
  private static final class VirtualClock implements Ticker {
    final AtomicLong now = new AtomicLong();

    @Override
    public long nanoTime() {
      return now.get();
    }

    @Override
    public void sleepUntil(long nanos) {
      now.accumulateAndGet(nanos, Math::max);
    }
  }

  private ServerSocket upstream;
  private final List<Thread> senders = new ArrayList<>();

  /** A server that reads a request line, sends {@link #EACH} bytes, then closes the connection. */
  @BeforeEach
  void startUpstream() throws Exception {
    upstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (!upstream.isClosed()) {
        try {
          Socket s = upstream.accept();
          Thread t = new Thread(() -> {
            try (s; OutputStream out = s.getOutputStream()) {
              // Read the request first: closing with it unread would reset the connection.
              InputStream in = s.getInputStream();
              while (in.read() != '\n') {
                // The request line.
              }
              byte[] chunk = new byte[50_000];
              for (int sent = 0; sent < EACH; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, EACH - sent));
              }
            } catch (Exception e) {
              // The client went away.
            }
          });
          t.start();
          senders.add(t);
        } catch (Exception e) {
          return;
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stopUpstream() throws Exception {
    upstream.close();
  }

  /** Reads every connection through the limiter at once; the bytes each got. */
  private static List<Long> readAll(int port) throws Exception {
    List<CompletableFuture<Long>> reads = new ArrayList<>();
    for (int c = 0; c < CONNECTIONS; c++) {
      reads.add(CompletableFuture.supplyAsync(() -> {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port); InputStream in = s.getInputStream()) {
          s.getOutputStream().write("GET /layer\r\n".getBytes());
          long got = 0;
          byte[] buffer = new byte[32 * 1024];
          int n;
          while ((n = in.read(buffer)) >= 0) {
            got += n;
          }
          return got;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    List<Long> out = new ArrayList<>();
    for (CompletableFuture<Long> r : reads) {
      out.add(r.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  @Test
  void severalConnectionsShareOneRateWithinFivePercentOverTenMegabytes() throws Exception {
    VirtualClock clock = new VirtualClock();
    long rate = 12_500_000; // 100 Mbit/s
    try (Limiter limiter = new Limiter(0, upstream.getLocalPort(), new TokenBucket(rate, clock))) {
      assertThat(readAll(limiter.port())).containsOnly((long) EACH);
      long total = (long) CONNECTIONS * EACH;
      assertThat(limiter.bytesDown()).isEqualTo(total);
      double seconds = clock.nanoTime() / 1e9;
      // Alone, each connection would take a third of this: the three shared one bucket.
      assertThat(total / seconds).as("bytes per second through the limiter").isCloseTo((double) rate,
          org.assertj.core.data.Percentage.withPercentage(5));
    }
  }

  @Test
  void halfTheRateTakesTwiceTheTime() throws Exception {
    VirtualClock fast = new VirtualClock();
    VirtualClock slow = new VirtualClock();
    try (Limiter a = new Limiter(0, upstream.getLocalPort(), new TokenBucket(12_500_000, fast))) {
      readAll(a.port());
    }
    try (Limiter b = new Limiter(0, upstream.getLocalPort(), new TokenBucket(6_250_000, slow))) {
      readAll(b.port());
    }
    assertThat((double) slow.nanoTime() / fast.nanoTime()).isCloseTo(2.0,
        org.assertj.core.data.Percentage.withPercentage(5));
  }

  @Test
  void withoutABucketItOnlyCountsWhatCameBack() throws Exception {
    try (Limiter limiter = new Limiter(0, upstream.getLocalPort(), null)) {
      assertThat(readAll(limiter.port())).containsOnly((long) EACH);
      assertThat(limiter.bytesDown()).as("the requests going up are not counted")
          .isEqualTo((long) CONNECTIONS * EACH);
    }
  }

  @Test
  void aRelayThroughAUnixSocketReachesARegistryNamedByHostAndPort(@TempDir Path dir) throws Exception {
    // The way to a user's registry: a relay from a Unix socket to HOST:PORT (here a name for loopback), and the
    // limiter from a port to that socket.
    Path socket = dir.resolve("registry.sock");
    try (Limiter relay = new Limiter(Endpoint.parse(socket.toString()), Endpoint.parse("localhost:"
        + upstream.getLocalPort()), null);
        Limiter limiter = new Limiter(Endpoint.parse("0"), Endpoint.parse(socket.toString()), null)) {
      assertThat(relay.port()).as("a Unix socket has no port").isZero();
      assertThat(readAll(limiter.port())).containsOnly((long) EACH);
      assertThat(relay.bytesDown()).isEqualTo(limiter.bytesDown()).isEqualTo((long) CONNECTIONS * EACH);
    }
  }

  @Test
  void anEndpointIsAPortAHostAndPortOrAPath() {
    assertThat(Endpoint.parse("5000")).isEqualTo(new Endpoint.Loopback(5000));
    assertThat(Endpoint.parse("[::1]:5000")).isEqualTo(new Endpoint.Remote("::1", 5000));
    assertThat(Endpoint.parse("/gate/registry.sock")).isEqualTo(new Endpoint.Unix(Path.of("/gate/registry.sock")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Endpoint.parse("registry"))
        .hasMessageContaining("PORT, HOST:PORT or /PATH");
  }
}
