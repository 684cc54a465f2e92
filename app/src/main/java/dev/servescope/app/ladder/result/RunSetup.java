package dev.servescope.app.ladder.result;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.servescope.app.ladder.Limits;
import dev.servescope.app.ladder.file.Prices;

/**
 * What a run measured and under which rules: the ladder, the rung others' labels were compared with, the CPU and
 * memory limits every rung ran under, how many times each rung was started, and where the load came from.
 *
 * @param ladder the ladder's name ({@code servescope} for the built-in one)
 * @param reference the reference rung's id
 * @param limits the limits of every rung's container
 * @param repeats starts per rung; 0 for runs recorded before ServeScope repeated
 * @param load where the load generator ran; null until it is set up, and for runs recorded before ServeScope said
 * @param floor the floor's cold start; null when it was not measured
 * @param prices the prices the run's dollar figures assume; null when none were stated
 */
public record RunSetup(String ladder, String reference, Limits limits, int repeats,
    @JsonProperty("load_generator") LoadSetup load, Floor floor, Prices prices) {

  /** A setup without prices. */
  public RunSetup(String ladder, String reference, Limits limits, int repeats, LoadSetup load, Floor floor) {
    this(ladder, reference, limits, repeats, load, floor, null);
  }

  /** A setup of one start per rung, the load not yet placed. */
  public RunSetup(String ladder, String reference, Limits limits) {
    this(ladder, reference, limits, 1, null, null, null);
  }

  /** The same setup with the floor's figures. */
  public RunSetup withFloor(Floor f) {
    return new RunSetup(ladder, reference, limits, repeats, load, f, prices);
  }

  /** The same setup with the prices its dollar figures assume; none for null or no prices. */
  public RunSetup withPrices(Prices p) {
    return new RunSetup(ladder, reference, limits, repeats, load, floor, p == null || p.isEmpty() ? null : p);
  }

  /** The prices, {@link Prices#NONE} when none were stated. */
  public Prices pricesOrNone() {
    return prices == null ? Prices.NONE : prices;
  }
}
