package dev.servescope.app.docker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;

/**
 * The ServeScope process that started a container, written into the container's {@link Labels#OWNER} label as
 * {@code pid@host@start-millis}. Leftover clean-up removes a container only when its owner is gone, so one ServeScope
 * (say the GUI checking the engine) never removes the containers of another that is still running (a CLI ladder).
 * The process start time tells a live owner from a new process that happens to reuse its pid.
 *
 * @param pid process id
 * @param host host name of the machine the process runs on
 * @param startMillis when the process started, epoch milliseconds
 */
public record ContainerOwner(long pid, String host, long startMillis) {

  /** This process. */
  public static ContainerOwner current() {
    ProcessHandle self = ProcessHandle.current();
    return new ContainerOwner(self.pid(), hostName(), startMillis(self).orElse(0L));
  }

  /** Parses a label value; empty when it is not one ServeScope wrote. */
  public static Optional<ContainerOwner> parse(String label) {
    if (label == null) {
      return Optional.empty();
    }
    String[] parts = label.split("@");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ContainerOwner(Long.parseLong(parts[0]), parts[1], Long.parseLong(parts[2])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The label value. */
  public String label() {
    return pid + "@" + host + "@" + startMillis;
  }

  /**
   * Whether this owner is another process that is still running on this machine: its containers are not leftovers.
   * An owner on another machine (a shared remote engine) cannot be checked and counts as gone.
   */
  public boolean isAnotherLiveProcess() {
    ContainerOwner me = current();
    if (pid == me.pid || !host.equals(me.host)) {
      return false;
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .flatMap(ContainerOwner::startMillis)
        .map(started -> started == startMillis)
        .orElse(false);
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
