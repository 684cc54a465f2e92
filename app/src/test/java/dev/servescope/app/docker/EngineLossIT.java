package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.run.LadderListener;
import dev.servescope.app.ladder.run.LadderRunner;
import dev.servescope.app.store.HistoryStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine disappears mid-build (a TCP proxy in front of the real engine's socket is cut): the run ends with a
 * clear message and records nothing for the version that was building.
 */
class EngineLossIT {
  private static final Path SOCKET = Path.of("/var/run/docker.sock");

  @Test
  void losingTheEngineMidBuildFailsClearlyAndRecordsNothing(@TempDir Path dir) throws Exception {
    DockerAvailable.engineOrSkip().close();
    assumeTrue(Files.exists(SOCKET), "skipped: the engine is not on the local socket " + SOCKET);
    Path root = dir.resolve("checkout");
    Path v5 = Files.createDirectories(root.resolve("dockerfiles/v5"));
    Files.writeString(v5.resolve("Dockerfile"), "# v5 that takes its time\nARG BASE_IMAGE=debian:bookworm-slim\n"
        + "FROM ${BASE_IMAGE}\nRUN echo building && sleep 60\n");
    Files.createDirectories(root.resolve("inference/target/server-lib"));
    Files.writeString(root.resolve("inference/target/servescope-inference-0.1.0.jar"), "x");
    ProjectLayout layout = new ProjectLayout(root);

    try (Proxy proxy = new Proxy(SOCKET);
        DockerEngine engine = DockerEngine.connect("tcp://127.0.0.1:" + proxy.port());
        HistoryStore store = HistoryStore.open(dir.resolve("history.db"))) {
      CountDownLatch building = new CountDownLatch(1);
      AtomicBoolean runEnded = new AtomicBoolean();
      AtomicLong cutAt = new AtomicLong();
      LadderRunner runner = DockerAvailable.runner(engine, store, layout, List.of("a sentence"));
      Thread cut = new Thread(() -> {
        try {
          // Cut only once the slow step runs; give up as soon as the run ends some other way.
          while (!runEnded.get()) {
            if (building.await(200, TimeUnit.MILLISECONDS)) {
              cutAt.set(System.nanoTime());
              proxy.close();
              return;
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      cut.start();
      RunReport run = runner.run(List.of(LadderVersion.byId("v5")), new LadderSettings(1, Duration.ofSeconds(1), 1,
          Duration.ZERO).withPlacement(dev.servescope.app.ladder.result.LoadSetup.HOST), new LadderListener() {
            @Override
            public void log(String rung, String line) {
              if (line.contains("sleep 60")) {
                building.countDown();
              }
            }
          }, new Cancellation());
      long ended = System.nanoTime();
      runEnded.set(true);
      cut.join();
      assertThat(building.getCount()).as("the build reached its slow step; the run ended with: %s", run.message())
          .isZero();
      assertThat(run.status()).isEqualTo(RunStatus.FAILED);
      assertThat(run.message()).containsAnyOf("lost the Docker engine", "no Docker engine");
      assertThat(run.versions()).as("no half-recorded result").isEmpty();
      assertThat(store.load(run.id()).orElseThrow().status()).isEqualTo(RunStatus.FAILED);
      assertThat(Duration.ofNanos(ended - cutAt.get())).as("fails when the engine goes, not after the 60 s step")
          .isLessThan(Duration.ofSeconds(30));
    }
  }

  /** Forwards TCP connections to a Unix socket until closed, then drops every connection at once. */
  static final class Proxy implements AutoCloseable {
    private final ServerSocket server;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    Proxy(Path socket) throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread accept = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket client = server.accept();
            SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            open.add(client);
            open.add(engine);
            pump(Channels.newChannel(client.getInputStream()), engine);
            pump(engine, Channels.newChannel(client.getOutputStream()));
          } catch (IOException e) {
            return;
          }
        }
      }, "proxy-accept");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private static void pump(java.nio.channels.ReadableByteChannel in, java.nio.channels.WritableByteChannel out) {
      Thread t = new Thread(() -> {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
          while (in.read(buf) >= 0) {
            buf.flip();
            while (buf.hasRemaining()) {
              out.write(buf);
            }
            buf.clear();
          }
        } catch (IOException e) {
          // The proxy was cut.
        }
      }, "proxy-pump");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception e) {
          // Already closed.
        }
      }
    }
  }
}
