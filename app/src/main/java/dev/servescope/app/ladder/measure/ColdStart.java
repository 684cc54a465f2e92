package dev.servescope.app.ladder.measure;

import dev.servescope.app.ladder.result.Spread;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container's cold start, from its creation to its first correct prediction, broken into the milestones on the
 * way. The engine's clock gives creation and start, the server's own log line gives the model loaded, and the load
 * generator's polls give the rest: all read on the machine the engine runs on, so they share a clock.
 *
 * @param totalMs creation to the first correct prediction
 * @param phasesMs each milestone reached after creation, in the order reached, with the milliseconds since the one
 *     before: {@code started} (the process runs), {@code model_loaded} (the server's log says so; ServeScope's
 *     servers only), {@code listening} (it accepts a connection), {@code healthy} (its health check answers 2xx),
 *     {@code first_prediction} (a prediction answers 200 with a label)
 */
public record ColdStart(long totalMs, Map<String, Long> phasesMs) {
  public static final String CREATED = "created";
  public static final String STARTED = "started";
  public static final String MODEL_LOADED = "model_loaded";
  public static final String LISTENING = "listening";
  public static final String HEALTHY = "healthy";
  public static final String FIRST_PREDICTION = "first_prediction";

  /** The line ServeScope's prediction server logs once its model is loaded. */
  public static final Pattern MODEL_LOADED_LINE = Pattern.compile("\\bloaded \\S+ in \\d+ ms");

  public ColdStart {
    phasesMs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phasesMs));
  }

  /**
   * The breakdown of milestones given as nanoseconds since the epoch (null for one not seen), which must include
   * {@link #CREATED} and {@link #FIRST_PREDICTION}. Milestones are ordered by time, ties in the order given.
   */
  public static ColdStart of(Map<String, Long> milestones) {
    Long created = milestones.get(CREATED);
    Long done = milestones.get(FIRST_PREDICTION);
    if (created == null || done == null) {
      throw new IllegalArgumentException("a cold start needs its creation and its first prediction");
    }
    List<Map.Entry<String, Long>> seen = new ArrayList<>();
    milestones.forEach((name, nanos) -> {
      if (nanos != null && !name.equals(CREATED)) {
        seen.add(Map.entry(name, Math.max(nanos, created)));
      }
    });
    seen.sort(Comparator.comparingLong(Map.Entry::getValue));
    Map<String, Long> phases = new LinkedHashMap<>();
    // Whole milliseconds since creation first, then their differences: the phases add up to the total exactly.
    long previous = 0;
    for (Map.Entry<String, Long> e : seen) {
      long at = Math.round((e.getValue() - created) / 1e6);
      phases.put(e.getKey(), at - previous);
      previous = at;
    }
    return new ColdStart(Math.round((done - created) / 1e6), phases);
  }

  /**
   * The time of the first line matching {@code pattern} in log lines that each start with the engine's timestamp
   * ({@code 2026-11-28T08:40:12.123456789Z text}, as {@code docker logs --timestamps} prints them).
   */
  public static Optional<Instant> firstLineTime(List<String> lines, Pattern pattern) {
    for (String line : lines) {
      int space = line.indexOf(' ');
      if (space > 0 && pattern.matcher(line.substring(space + 1)).find()) {
        try {
          return Optional.of(Instant.parse(line.substring(0, space)));
        } catch (DateTimeParseException e) {
          // Not a timestamped line: look on.
        }
      }
    }
    return Optional.empty();
  }

  /** Nanoseconds since the epoch. */
  public static long nanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** The median of each phase over repeats (phases in the first's order; a phase some lack is left out). */
  public static Map<String, Long> medianPhases(List<ColdStart> starts) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (starts.isEmpty()) {
      return out;
    }
    for (String phase : starts.get(0).phasesMs().keySet()) {
      List<Double> values = new ArrayList<>();
      for (ColdStart s : starts) {
        Long v = s.phasesMs().get(phase);
        if (v != null) {
          values.add(v.doubleValue());
        }
      }
      if (values.size() == starts.size()) {
        out.put(phase, Math.round(Spread.median(values)));
      }
    }
    return out;
  }
}
