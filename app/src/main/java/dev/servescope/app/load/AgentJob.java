package dev.servescope.app.load;

import java.util.List;

/**
 * What the load sidecar is to send, written as JSON into its container before it runs: the service's port and paths,
 * where the label is, the bodies the load cycles through, and the bodies to ask once each (for labels and accuracy).
 *
 * @param port the service's port on the shared loopback
 * @param health path of its health check
 * @param predict path of its prediction endpoint
 * @param label JSON Pointer to the label in an answer; null when it has none
 * @param load request bodies the load cycles through
 * @param ask request bodies sent once each, in order, by {@code answers}
 */
public record AgentJob(int port, String health, String predict, String label, List<String> load, List<String> ask) {

  /** Where the job file goes in the sidecar. */
  public static final String PATH = "/tmp/servescope-job.json";
}
