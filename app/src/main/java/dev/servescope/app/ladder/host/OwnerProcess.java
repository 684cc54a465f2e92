package dev.servescope.app.ladder.host;

import dev.servescope.app.ladder.Labels;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * The ServeScope process that made something: a container (its {@link Labels#OWNER} label) or a run in the history.
 * Written as {@code pid@host@start-millis}. Clean-up treats a container or a run as left over only when its owner is
 * gone, so one ServeScope (the GUI checking the engine, {@code servescope history}) never removes or marks as
 * interrupted what another one, still running, is doing. The start time tells a live owner from a new process that
 * happens to reuse its pid.
 *
 * @param pid process id
 * @param host host name of the machine the process runs on
 * @param startMillis when the process started, epoch milliseconds
 */
public record OwnerProcess(long pid, String host, long startMillis) {

  /** This process. */
  public static OwnerProcess current() {
    return Self.VALUE;
  }

  /** Computed once: the host name lookup can take seconds where the name does not resolve. */
  private static final class Self {
    static final OwnerProcess VALUE = new OwnerProcess(ProcessHandle.current().pid(), hostName(),
        startMillis(ProcessHandle.current()).orElse(0L));
  }

  /** Parses a label value; empty when it is not one ServeScope wrote. */
  public static Optional<OwnerProcess> parse(String label) {
    if (label == null) {
      return Optional.empty();
    }
    String[] parts = label.split("@");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(new OwnerProcess(Long.parseLong(parts[0]), parts[1], Long.parseLong(parts[2])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether an owner can be seen to run, to be gone, or cannot be checked from here. */
  public enum Liveness {
    ALIVE,
    GONE,
    /** It ran on another machine (a shared remote engine, the CLI in a container): never treated as gone. */
    ELSEWHERE
  }

  /** The liveness of the owner a label names; a missing or foreign label counts as gone. */
  public static Liveness liveness(String label) {
    return parse(label).map(OwnerProcess::liveness).orElse(Liveness.GONE);
  }

  /** The label value. */
  public String label() {
    return pid + "@" + host + "@" + startMillis;
  }

  /**
   * Whether the owner still runs: this process, or a process on this machine with the same pid and start time. An
   * owner on another machine cannot be checked from here and is {@link Liveness#ELSEWHERE}.
   */
  public Liveness liveness() {
    OwnerProcess me = current();
    if (equals(me)) {
      return Liveness.ALIVE;
    }
    if (!host.equals(me.host)) {
      return Liveness.ELSEWHERE;
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .flatMap(OwnerProcess::startMillis)
        .map(started -> started == startMillis)
        .orElse(false) ? Liveness.ALIVE : Liveness.GONE;
  }

  /** Whether the owner is known to be gone: only then may what it made be removed. */
  public boolean isGone() {
    return liveness() == Liveness.GONE;
  }

  private static Optional<Long> startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName().replace("@", "_");
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
