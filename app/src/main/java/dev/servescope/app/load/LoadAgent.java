package dev.servescope.app.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The load generator of the sidecar container (its process: {@link #MAIN_CLASS}): it shares the measured container's
 * network namespace and sends only to 127.0.0.1 there, so no proxy sits between load and service and a remote engine
 * measures like a local one. Each command reads the {@link AgentJob} and prints one JSON line with its result:
 *
 * <ul>
 *   <li>{@code ready MS [STEADY_MS RATE]}: prints {@code watching}, then polls until the service answers a labelled
 *       prediction (at most MS milliseconds), then follows its warm-up to steady state at RATE for at most STEADY_MS;
 *       a {@link Readiness}
 *   <li>{@code measure WARMUP_MS CALLERS RATE MS}: the {@link Phases} (0 ms for no warm-up), printing
 *       {@code phase NAME} as each begins
 *   <li>{@code closed-loop CALLERS MS WARMUP_MS}: callers back to back, after a warm-up of this client; a
 *       {@link LoadGenerator.ClosedLoopResult}
 *   <li>{@code answers}: each of the job's {@code ask} bodies once; a list of {@link HttpConnection.Response}
 *   <li>{@code limit LISTEN TARGET BYTES_PER_S MS}: a {@link Limiter} from LISTEN (a port on 127.0.0.1, 0 for any
 *       free one, or a Unix socket's path) to TARGET (a port on 127.0.0.1, a registry's {@code HOST:PORT} or a Unix
 *       socket's path; see {@link Endpoint}) at BYTES_PER_S (0 for no limit); prints {@code listening PORT} (0 on a
 *       Unix socket), then runs until {@link #STOP_FILE} appears (at most
 *       MS milliseconds) and answers {@code {"bytes": N}}, the bytes it forwarded back
 *   <li>{@code hub PORT DIR MS}: a {@link ModelHub} on 127.0.0.1:PORT serving each folder under DIR as a model, for a
 *       container that fetches its model at start; prints {@code listening PORT}, serves for MS milliseconds (or
 *       until the sidecar goes) and answers {@code {"models": [...]}}
 * </ul>
 *
 * <p>Every loop is bounded by its count or its time; the sidecar itself is removed with the measured container.
 */
public final class LoadAgent {
  /** The sidecar's entry point, named here so that the runner needs no link to the command line's package. */
  public static final String MAIN_CLASS = "dev.servescope.app.cli.LoadAgentMain";
  /** Printed by {@code ready} once it polls: the service may start. */
  public static final String WATCHING = "watching";
  /** Printed by {@code measure} as each phase begins, followed by its name. */
  public static final String PHASE = "phase ";
  /** Created to stop a running {@code limit}. */
  public static final String STOP_FILE = "/tmp/servescope-limit-stop";
  /** Printed by {@code limit} once it listens, followed by its port. */
  public static final String LISTENING = "listening";
  /** The longest phase a command accepts. */
  private static final long MAX_MILLIS = Duration.ofMinutes(30).toMillis();
  private static final ObjectMapper JSON = new ObjectMapper();

  private LoadAgent() {}

  /** Reads the job, runs one command, and returns its answer as one line of JSON; {@code out} gets the progress. */
  public static String answer(String[] args, PrintStream out) throws InterruptedException, IOException {
    if (args.length > 0 && args[0].equals("limit")) {
      return JSON.writeValueAsString(limit(args, out));
    }
    if (args.length > 0 && args[0].equals("hub")) {
      return JSON.writeValueAsString(hub(args, out));
    }
    AgentJob job = JSON.readValue(Path.of(AgentJob.PATH).toFile(), AgentJob.class);
    return JSON.writeValueAsString(run(job, args, out));
  }

  /** Runs one command against 127.0.0.1; {@code out} gets the progress lines. */
  public static Object run(AgentJob job, String[] args, PrintStream out) throws InterruptedException, IOException {
    URI endpoint = URI.create("http://127.0.0.1:" + job.port() + job.predict());
    try (LoadGenerator load = new LoadGenerator(endpoint, job.load())) {
      return switch (args[0]) {
        case "ready" -> {
          out.println(WATCHING);
          String first = job.load().get(0);
          Readiness.Plan plan = args.length > 2 ? new Readiness.Plan(millis(args, 1), millisOrZero(args, 2),
              Double.parseDouble(args[3])) : Readiness.Plan.waitOnly(millis(args, 1));
          yield Readiness.awaitThenWarm(load, job.health(), first, job.label(), plan, () -> { }, () -> false);
        }
        case "measure" -> Phases.run(load, new Phases.Plan(millisOrZero(args, 1), Integer.parseInt(args[2]),
            Double.parseDouble(args[3]), millis(args, 4)), () -> false,
            phase -> out.println(PHASE + phase));
        case "closed-loop" -> {
          int callers = Integer.parseInt(args[1]);
          load.closedLoop(callers, millis(args, 3), () -> false);
          yield load.closedLoop(callers, millis(args, 2), () -> false);
        }
        case "answers" -> load.answers(job.ask(), () -> false);
        default -> throw new IllegalArgumentException("unknown command " + args[0]);
      };
    }
  }

  /** Runs a limiter until the stop file appears or its time is up; the bytes it forwarded back. */
  static java.util.Map<String, Long> limit(String[] args, PrintStream out) throws IOException, InterruptedException {
    long rate = Long.parseLong(args[3]);
    Path stop = Path.of(STOP_FILE);
    java.nio.file.Files.deleteIfExists(stop);
    long deadline = System.nanoTime() + millis(args, 4).toNanos();
    try (Limiter limiter = new Limiter(Endpoint.parse(args[1]), Endpoint.parse(args[2]),
        rate > 0 ? new TokenBucket(rate, Ticker.SYSTEM) : null)) {
      out.println(LISTENING + " " + limiter.port());
      out.flush();
      while (!java.nio.file.Files.exists(stop) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      return java.util.Map.of("bytes", limiter.bytesDown());
    }
  }

  /** Serves the models under a folder on loopback for a bounded time. */
  static java.util.Map<String, java.util.List<String>> hub(String[] args, PrintStream out) throws IOException,
      InterruptedException {
    Duration serve = millis(args, 3);
    try (ModelHub hub = ModelHub.onLoopback(Integer.parseInt(args[1]))) {
      java.util.List<String> models = hub.publishEach(Path.of(args[2]));
      out.println(LISTENING + " " + hub.port());
      out.flush();
      Thread.sleep(serve.toMillis());
      return java.util.Map.of("models", models);
    }
  }

  private static Duration millisOrZero(String[] args, int index) {
    return args[index].equals("0") ? Duration.ZERO : millis(args, index);
  }

  private static Duration millis(String[] args, int index) {
    long ms = Long.parseLong(args[index]);
    if (ms < 1 || ms > MAX_MILLIS) {
      throw new IllegalArgumentException("a phase lasts 1 ms to 30 minutes, found " + ms + " ms");
    }
    return Duration.ofMillis(ms);
  }
}
