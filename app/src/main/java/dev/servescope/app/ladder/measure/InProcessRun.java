package dev.servescope.app.ladder.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.ContainerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A built-in rung's own image started once more, in its in-process mode ({@code IN_PROCESS_LOAD}: the server loads
 * its model as it does to serve, then puts the run's closed-loop load on it in its own process, logs the throughput
 * and exits), with the same limits and CPUs it served from. Its throughput is what the served one is held against:
 * the rung's served efficiency, the cost of its HTTP stack and of the trip through the engine's network.
 */
public final class InProcessRun {
  static final Pattern LINE = Pattern.compile("in-process load: (\\{.*})");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(200);

  private InProcessRun() {}

  /**
   * @param placement where the rung served, so that a model fetched at start is found the same way
   * @param spec the rung's container as it served (image, environment, limits, CPU set)
   * @param settings the load, and how long the model may take to load on top of it (the ready timeout)
   * @return predictions per second in process
   * @throws IllegalStateException when the container fails, says nothing usable, or outlasts its allowance
   */
  public static double measure(ContainerEngine engine, LoadPlacement placement, ContainerSpec spec,
      LadderSettings settings, List<String> sentences, Cancellation cancel, Consumer<String> log) {
    Duration startAllowance = settings.readyTimeout();
    List<String> env = new ArrayList<>(spec.env());
    env.add("IN_PROCESS_LOAD=" + settings.concurrency() + "," + settings.warmup().toMillis() + ","
        + settings.duration().toMillis());
    env.add("IN_PROCESS_SENTENCES=" + String.join("\n", sentences));
    ContainerSpec inProcess = new ContainerSpec(spec.image(), env, spec.port(), spec.labels(), spec.limits(),
        spec.cpuset(), null, null, false, null);
    long deadline = System.nanoTime() + settings.warmup().plus(settings.duration()).plus(startAllowance).toNanos();
    LoadPlacement.Alone alone;
    try {
      alone = placement.startAlone(inProcess, startAllowance, cancel);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
    String id = alone.container();
    try (Cancellation.Registration ignored = cancel.register(alone.remove()::run)) {
      while (engine.isRunning(id)) {
        cancel.check();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the in-process load did not end in time; last log lines:\n"
              + engine.logTail(id, 10));
        }
        Thread.sleep(POLL.toMillis());
      }
      String logs = engine.logTail(id, 40);
      Matcher m = LINE.matcher(logs);
      if (!m.find()) {
        throw new IllegalStateException("the in-process load said no throughput (" + engine.exitSummary(id)
            + "); last log lines:\n" + logs);
      }
      JsonNode r = JSON.readTree(m.group(1));
      double throughput = r.path("throughput_per_s").asDouble();
      log.accept(String.format(java.util.Locale.ROOT, "in process: %.1f predictions/s at %d callers (%d in %.1f s)",
          throughput, r.path("callers").asInt(), r.path("predictions").asLong(), r.path("seconds").asDouble()));
      return throughput;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the in-process load's answer is not JSON: " + e.getMessage(), e);
    } finally {
      alone.remove().run();
    }
  }
}
