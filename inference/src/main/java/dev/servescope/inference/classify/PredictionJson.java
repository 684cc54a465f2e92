package dev.servescope.inference.classify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON shape of a prediction, written by the HTTP server and by the command line alike:
 * {@code model, label, score, probabilities, truncated, tokens, timings_ms {tokenize, inference, head, total}}.
 */
public final class PredictionJson {
  private PredictionJson() {}

  /** The prediction as an insertion-ordered map, ready for Jackson. */
  public static Map<String, Object> of(Prediction p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", p.model());
    out.put("label", p.label());
    out.put("score", p.score());
    out.put("probabilities", p.probabilityMap());
    out.put("truncated", p.truncated());
    out.put("tokens", p.tokens());
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("tokenize", ms(p.timings().tokenizeMs()));
    timings.put("inference", ms(p.timings().inferenceMs()));
    timings.put("head", ms(p.timings().headMs()));
    timings.put("total", ms(p.timings().totalMs()));
    out.put("timings_ms", timings);
    return out;
  }

  /** The same, with the classified text first (the command line echoes what it classified). */
  public static Map<String, Object> of(String text, Prediction p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("text", text);
    out.putAll(of(p));
    return out;
  }

  /** Milliseconds rounded to microseconds, so that reports stay readable. */
  public static double ms(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
