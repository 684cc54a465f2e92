package dev.servescope.app.ladder.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.load.AgentJob;
import dev.servescope.app.load.HttpConnection;
import dev.servescope.app.load.LoadAgent;
import dev.servescope.app.load.LoadGenerator;
import dev.servescope.app.load.Phases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Load from the sidecar: each phase is one {@link LoadAgent} command run in the sidecar container, which shares the
 * service's network namespace and sends to 127.0.0.1 there. The answer is the command's last line of JSON.
 */
final class SidecarDriver implements ServiceDriver {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** What a phase may take beyond its own length: the agent's start, stragglers, the answer's way back. */
  private static final Duration SLACK = Duration.ofSeconds(150);
  private static final Duration POLL = Duration.ofMillis(200);

  private final ContainerEngine engine;
  private final String sidecar;
  private final List<String> agent;
  private final AgentJob job;
  private final Cancellation cancel;

  SidecarDriver(ContainerEngine engine, String sidecar, List<String> agent, AgentJob job, Cancellation cancel) {
    this.engine = engine;
    this.sidecar = sidecar;
    this.agent = agent;
    this.job = job;
    this.cancel = cancel;
  }

  @Override
  public Phases measure(Phases.Plan plan, Consumer<String> phase) throws InterruptedException {
    return parse(run(plan.length(), phase, "measure", String.valueOf(plan.warmup().toMillis()),
        String.valueOf(plan.callers()),
        String.valueOf(plan.ratePerSecond()), String.valueOf(plan.duration().toMillis())), new TypeReference<>() {});
  }

  @Override
  public LoadGenerator.ClosedLoopResult closedLoop(int callers, Duration duration, Duration warmup)
      throws InterruptedException {
    return parse(run(duration.plus(warmup), phase -> { }, "closed-loop", String.valueOf(callers),
        String.valueOf(duration.toMillis()), String.valueOf(Math.max(1, warmup.toMillis()))), new TypeReference<>() {});
  }

  @Override
  public List<HttpConnection.Response> answers(List<String> bodies) throws InterruptedException {
    write(engine, sidecar, new AgentJob(job.port(), job.health(), job.predict(), job.label(), job.load(), bodies));
    // Allow each answer a generous second on top of the slack: a slow rung's answers to a big labelled set.
    return parse(run(Duration.ofSeconds(bodies.size()), phase -> { }, "answers"), new TypeReference<>() {});
  }

  /** Writes the job where the agent reads it. */
  static void write(ContainerEngine engine, String sidecar, AgentJob job) {
    try {
      engine.putFile(sidecar, AgentJob.PATH, JSON.writeValueAsBytes(job));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the load sidecar's job", e);
    }
  }

  /**
   * Runs one agent command that should take about {@code length}; its last line of output. Lines naming a phase go
   * to {@code phase} as they come.
   */
  private String run(Duration length, Consumer<String> phase, String... command) throws InterruptedException {
    List<String> out = Collections.synchronizedList(new ArrayList<>());
    List<String> err = Collections.synchronizedList(new ArrayList<>());
    List<String> argv = new ArrayList<>(agent);
    argv.addAll(List.of(command));
    long deadline = System.nanoTime() + length.plus(SLACK).toNanos();
    Consumer<String> lines = line -> {
      if (line.startsWith(LoadAgent.PHASE)) {
        phase.accept(line.substring(LoadAgent.PHASE.length()));
      } else {
        out.add(line);
      }
    };
    try (ContainerEngine.Exec exec = engine.exec(sidecar, argv, lines, err::add);
        Cancellation.Registration ignored = cancel.register(exec::close)) {
      OptionalLong code;
      while ((code = exec.await(POLL)).isEmpty()) {
        cancel.check();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the load sidecar's " + command[0] + " did not finish within "
              + length.plus(SLACK).toSeconds() + " s");
        }
      }
      if (code.getAsLong() != 0 || out.isEmpty()) {
        throw new IllegalStateException("the load sidecar's " + command[0] + " failed (exit code " + code.getAsLong()
            + "): " + tail(err));
      }
      return out.get(out.size() - 1);
    }
  }

  static String tail(List<String> lines) {
    List<String> copy = List.copyOf(lines);
    return copy.isEmpty() ? "no output" : String.join("\n", copy.subList(Math.max(0, copy.size() - 10),
        copy.size()));
  }

  static <T> T parse(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the load sidecar answered what is not its JSON: " + json, e);
    }
  }
}
