package dev.servescope.app.ladder.host;

import dev.servescope.app.ladder.Cancellation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a rung's {@code prepare:} command on the host, in its build context: what a context needs from the network
 * (packages, a model) is fetched here, because a build may not reach it. Its output streams to the run's log; the
 * environment gets {@code SERVESCOPE}, the launcher of this checkout, so that a script can export a model.
 */
public final class PrepareCommand {
  static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final int TAIL = 15;

  private PrepareCommand() {}

  public static void run(List<String> command, Path dir, Path launcher, Consumer<String> log, Cancellation cancel)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("SERVESCOPE", launcher.toString());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException("cannot run prepare command " + command + " in " + dir + ": " + e.getMessage(), e);
    }
    Deque<String> tail = new ArrayDeque<>();
    try (Cancellation.Registration ignored = cancel.register(() -> {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    })) {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          log.accept(line);
          tail.addLast(line);
          if (tail.size() > TAIL) {
            tail.removeFirst();
          }
        }
      }
      if (!p.waitFor(TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
        throw new IOException("prepare command " + command + " still running after " + TIMEOUT.toMinutes()
            + " minutes");
      }
      cancel.check();
      if (p.exitValue() != 0) {
        throw new IOException("prepare command " + command + " failed with exit code " + p.exitValue()
            + "; its last lines:\n" + String.join("\n", tail));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
