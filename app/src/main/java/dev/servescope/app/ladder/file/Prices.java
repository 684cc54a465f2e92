package dev.servescope.app.ladder.file;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prices the user states, in US dollars, for the dollar figures; ServeScope assumes none of its own. Each is null
 * when not stated, and the figures that need it are then not given.
 *
 * @param cpuHour one CPU busy for an hour
 * @param memGbHour one GB of memory held for an hour
 * @param gbMonth one GB stored in a registry for a month
 * @param egressGb one GB leaving the registry
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prices(
    @JsonProperty("cpu_hour") Double cpuHour,
    @JsonProperty("mem_gb_hour") Double memGbHour,
    @JsonProperty("gb_month") Double gbMonth,
    @JsonProperty("egress_gb") Double egressGb) {

  /** The names {@link #parse} takes, in the order they print. */
  public static final String NAMES = "cpu_hour, mem_gb_hour, gb_month, egress_gb";

  public static final Prices NONE = new Prices(null, null, null, null);

  public Prices {
    for (Double p : new Double[] {cpuHour, memGbHour, gbMonth, egressGb}) {
      if (p != null && !(p >= 0 && p < 1e6)) {
        throw new IllegalArgumentException("a price is a number of dollars from 0 to a million, found " + p);
      }
    }
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isEmpty() {
    return cpuHour == null && memGbHour == null && gbMonth == null && egressGb == null;
  }

  /**
   * {@code cpu_hour=0.04,gb_month=0.1,...}: any of {@value #NAMES}, each once.
   *
   * @throws IllegalArgumentException naming the part it cannot read
   */
  public static Prices parse(String text) {
    Map<String, Double> found = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("'" + p + "' is not NAME=DOLLARS (names: " + NAMES + ")");
      }
      found.put(name(p.substring(0, eq).strip(), found), dollars(p.substring(eq + 1).strip(), p));
    }
    return of(found);
  }

  /** From a map of {@value #NAMES} to dollars, as a ladder file's {@code prices:} gives them. */
  public static Prices of(Map<String, Double> byName) {
    for (String n : byName.keySet()) {
      name(n, Map.of());
    }
    return new Prices(byName.get("cpu_hour"), byName.get("mem_gb_hour"), byName.get("gb_month"),
        byName.get("egress_gb"));
  }

  private static String name(String n, Map<String, Double> seen) {
    String lower = n.toLowerCase(Locale.ROOT);
    if (!java.util.List.of(NAMES.split(", ")).contains(lower)) {
      throw new IllegalArgumentException("unknown price '" + n + "' (names: " + NAMES + ")");
    }
    if (seen.containsKey(lower)) {
      throw new IllegalArgumentException("price '" + n + "' given twice");
    }
    return lower;
  }

  private static double dollars(String v, String part) {
    try {
      double d = Double.parseDouble(v.startsWith("$") ? v.substring(1) : v);
      if (!(d >= 0 && d < 1e6)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + part + "': the price is a number of dollars (0 or more), not '" + v
          + "'");
    }
  }

  /** The stated prices, as the report prints them beside every dollar figure. */
  public String assumptions() {
    if (isEmpty()) {
      return "no prices stated";
    }
    StringBuilder b = new StringBuilder("assuming");
    append(b, cpuHour, "per CPU-hour");
    append(b, memGbHour, "per GB-hour of memory");
    append(b, gbMonth, "per GB-month stored");
    append(b, egressGb, "per GB of egress");
    return b.toString();
  }

  private static void append(StringBuilder b, Double price, String what) {
    if (price != null) {
      b.append(b.length() > "assuming".length() ? ", " : " ").append('$')
          .append(String.format(Locale.ROOT, "%s", stripZeros(price))).append(' ').append(what);
    }
  }

  private static String stripZeros(double d) {
    return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }
}
