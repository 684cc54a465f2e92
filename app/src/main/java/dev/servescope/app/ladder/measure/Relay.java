package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.load.LoadAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * The load agent's {@code limit} running in a container for one pull: a limiter (paced) or a plain relay (rate 0),
 * from its start until it is stopped, when it says how many bytes it forwarded back.
 */
final class Relay implements AutoCloseable {
  /** Longer than any pull may take ({@link EmptyNode}'s step), so that the pull's own bound comes first. */
  private static final Duration LIFE = Duration.ofMinutes(20);
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(250);

  private final ContainerEngine engine;
  private final String container;
  private final ContainerEngine.Exec exec;
  private final List<String> out;
  private final String port;

  private Relay(ContainerEngine engine, String container, ContainerEngine.Exec exec, List<String> out, String port) {
    this.engine = engine;
    this.container = container;
    this.exec = exec;
    this.out = out;
    this.port = port;
  }

  /**
   * Starts it and waits until it listens.
   *
   * @param listen a port on the container's 127.0.0.1 (0 for any) or a Unix socket's path
   * @param target a port on 127.0.0.1, {@code HOST:PORT} or a Unix socket's path
   * @param bytesPerSecond the rate back; 0 for none
   * @throws IllegalStateException when it does not listen within a minute
   */
  static Relay start(ContainerEngine engine, String container, String listen, String target, long bytesPerSecond,
      Cancellation cancel) throws InterruptedException {
    List<String> out = Collections.synchronizedList(new ArrayList<>());
    List<String> err = Collections.synchronizedList(new ArrayList<>());
    List<String> argv = new ArrayList<>(SidecarLoad.AGENT);
    argv.addAll(List.of("limit", listen, target, String.valueOf(bytesPerSecond), String.valueOf(LIFE.toMillis())));
    ContainerEngine.Exec exec = engine.exec(container, argv, out::add, err::add);
    long deadline = System.nanoTime() + START.toNanos();
    String port;
    while ((port = listening(out)) == null) {
      if (exec.await(POLL).isPresent() || System.nanoTime() > deadline) {
        exec.close();
        throw new IllegalStateException("the " + (bytesPerSecond > 0 ? "bandwidth limiter" : "relay to the"
            + " registry") + " did not start" + (err.isEmpty() ? "" : ": " + err.get(err.size() - 1)));
      }
      cancel.check();
    }
    return new Relay(engine, container, exec, out, port);
  }

  /** The TCP port it listens on ("0" on a Unix socket). */
  String port() {
    return port;
  }

  /** Stops it; the bytes it forwarded back, 0 when it did not say. */
  long stop() throws InterruptedException {
    try (ContainerEngine.Exec touch = engine.exec(container, List.of("touch", LoadAgent.STOP_FILE), l -> { },
        l -> { })) {
      touch.await(Duration.ofSeconds(20));
    }
    OptionalLong done = exec.await(Duration.ofSeconds(20));
    return done.isPresent() ? bytes(out) : 0;
  }

  @Override
  public void close() {
    exec.close();
  }

  private static String listening(List<String> out) {
    synchronized (out) {
      return out.stream().filter(l -> l.startsWith(LoadAgent.LISTENING + " ")).findFirst()
          .map(l -> l.substring(LoadAgent.LISTENING.length() + 1).strip()).orElse(null);
    }
  }

  private static long bytes(List<String> out) {
    synchronized (out) {
      for (int i = out.size() - 1; i >= 0; i--) {
        String line = out.get(i);
        if (line.startsWith("{\"bytes\":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return 0;
    }
  }
}
