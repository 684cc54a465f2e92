package dev.servescope.app.ladder;



/** Labels on everything ServeScope creates in Docker, so that it can find and remove its own leftovers. */
public final class Labels {
  /** Present on every container and image ServeScope creates; value {@link #LADDER} or {@link #BASE}. */
  public static final String MANAGED = "dev.servescope.managed";
  /** Ladder images and containers: removed when a run ends or at the next start. */
  public static final String LADDER = "ladder";
  /** Local base images: kept as a cache between runs. */
  public static final String BASE = "base";
  /** The run that created a container. */
  public static final String RUN = "dev.servescope.run";
  /**
   * Only on containers ServeScope starts, never on images (a build's intermediate containers inherit an image's
   * labels, so they would look like ServeScope's own): the owner process (see {@code host.OwnerProcess}) that
   * started it.
   */
  public static final String OWNER = "dev.servescope.owner";
  /** The ladder version of an image or container. */
  public static final String VERSION = "dev.servescope.version";

  private Labels() {}

  /** The labels of what a ladder run makes for one rung (or the floor): managed, its run, its version. */
  public static java.util.Map<String, String> ofRung(String runId, String version) {
    return java.util.Map.of(MANAGED, LADDER, RUN, runId, VERSION, version);
  }
}
