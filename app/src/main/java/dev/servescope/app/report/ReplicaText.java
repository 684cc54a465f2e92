package dev.servescope.app.report;

import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.file.Registry;
import dev.servescope.app.ladder.result.Dollars;
import dev.servescope.app.ladder.result.Pull;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.result.Warmup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a new replica of a rung costs, in words: its warm-up to steady state, its CPU and, at stated prices, money. */
public final class ReplicaText {
  private ReplicaText() {}

  /** {@code steady 2.0 s after the first answer (14 slower answers before)}; "" when not followed. */
  public static String warmup(Warmup w) {
    if (w == null) {
      return "";
    }
    if (w.noSteadyState()) {
      return "no steady state within " + seconds(w.steadyWithinMs());
    }
    return "steady " + seconds(w.timeToSteadyMs()) + " after the first answer" + (w.ratePerS() == null ? ""
        : String.format(Locale.ROOT, " at %.0f requests/s", w.ratePerS())) + " (" + w.warmupRequests()
        + (w.warmupRequests() == 1 ? " slower answer" : " slower answers") + " before)";
  }

  /** The warm-up in a table cell: {@code 2.0 s}, {@code none in 30 s}, or "-". */
  public static String warmupCell(Warmup w) {
    if (w == null) {
      return "-";
    }
    return w.noSteadyState() ? "none in " + seconds(w.steadyWithinMs()) : seconds(w.timeToSteadyMs());
  }

  /** {@code 1.92 CPU ms per prediction, 3.1 ms/s at rest}; "" when neither was measured. */
  public static String cpu(VersionResult r) {
    List<String> parts = new ArrayList<>();
    if (r.cpuMsPerPrediction() != null) {
      parts.add(String.format(Locale.ROOT, "%.2f CPU ms per prediction", r.cpuMsPerPrediction()));
    }
    if (r.idleCpuMsPerS() != null) {
      parts.add(String.format(Locale.ROOT, "%.1f CPU ms/s at rest", r.idleCpuMsPerS()));
    }
    return String.join(", ", parts);
  }

  /** {@code $0.0213 per million predictions, $0.05 per 1,000 pulls, $0.01 a month stored}; "" without prices. */
  public static String dollars(VersionResult r, Prices prices) {
    if (prices == null || prices.isEmpty()) {
      return "";
    }
    Dollars d = Dollars.of(r, prices);
    List<String> parts = new ArrayList<>();
    if (d.perMillionPredictions() != null) {
      parts.add(usd(d.perMillionPredictions()) + " per million predictions");
    }
    if (d.per1000Pulls() != null) {
      parts.add(usd(d.per1000Pulls()) + " per 1,000 pulls");
    }
    if (d.perMonthStored() != null) {
      parts.add(usd(d.perMonthStored()) + " a month stored");
    }
    return String.join(", ", parts);
  }

  /** {@code $12.50}, {@code $0.0213}: two decimals from a dollar up, four below. */
  public static String usd(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 1 ? "$%,.2f" : "$%.4f", v);
  }

  /**
   * {@code pulled 50.1 MB: 4.9 s at 100mbit (download 4.2 s, then extraction 0.8 s), ...}; the reason when it was not
   * measured; "" when not asked for.
   */
  public static String pull(VersionResult r) {
    Pull p = r.pull();
    if (p == null) {
      return "";
    }
    List<String> at = new ArrayList<>();
    p.pullMs().forEach((bandwidth, ms) -> at.add(String.format(Locale.ROOT, "%s at %s (download %s, then extraction"
        + " %s)", seconds(ms), bandwidth, seconds(p.downloadMs().getOrDefault(bandwidth, 0L)),
        seconds(p.extractMs().getOrDefault(bandwidth, 0L)))));
    String from = Registry.NODES_OWN.holds(p.repository()) || p.repository() == null ? "" : " from "
        + p.repository();
    String pulled = at.isEmpty() ? "" : (p.pulledBytes() == null ? "pulled" : String.format(Locale.ROOT,
        "pulled %.1f MB", p.pulledBytes() / 1e6)) + from + ": " + String.join(", ", at)
        + (p.reusedFrom() == null ? "" : " (measured in run " + p.reusedFrom() + ", the same image)");
    String failed = p.error() == null ? "" : "pull not measured: " + p.error();
    return pulled.isEmpty() ? failed : failed.isEmpty() ? pulled : pulled + "; " + failed;
  }

  /** {@code new replica 7.8 s at 100mbit, 4.7 s at 1gbit}: pull, cold start and warm-up; "" without them. */
  public static String newReplica(VersionResult r) {
    List<String> at = new ArrayList<>();
    r.newReplicaMs().forEach((bandwidth, ms) -> at.add(seconds(ms) + " at " + bandwidth));
    return at.isEmpty() ? "" : "new replica serving steadily after " + String.join(", ", at);
  }

  /** The whole line, or "" when nothing of it was measured. */
  public static String line(VersionResult r, Prices prices) {
    List<String> parts = new ArrayList<>();
    for (String p : List.of(pull(r), newReplica(r), warmup(r.warmup()), cpu(r), dollars(r, prices))) {
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    return String.join("; ", parts);
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
