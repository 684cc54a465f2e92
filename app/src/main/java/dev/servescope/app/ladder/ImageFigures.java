package dev.servescope.app.ladder;

/**
 * What inspecting a rung's image found, for its result and budgets.
 *
 * @param wastedBytes bytes no container can see
 * @param efficiency dive's score, 0 to 1
 * @param transferBytes the layers as gzip
 */
public record ImageFigures(long wastedBytes, double efficiency, long transferBytes) {

  /** Inspects a rung's image; the runner records what it says beside the rung's other figures. */
  public interface Source {
    /**
     * @throws RuntimeException when the image cannot be read (the runner then records the rung without them)
     */
    ImageFigures of(String imageRef, Cancellation cancel);
  }
}
