package dev.servescope.app.ladder.file;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network bandwidth a pull is measured at, as people write it: {@code 100mbit}, {@code 1gbit}, {@code 500kbit}, or
 * {@code unlimited} (as fast as loopback and the node allow).
 *
 * @param name how it was written, lower case: the key of the figures measured at it
 * @param bytesPerSecond the rate; 0 for unlimited
 */
public record Bandwidth(String name, long bytesPerSecond) {
  public static final String UNLIMITED = "unlimited";
  private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(kbit|mbit|gbit)");

  public Bandwidth {
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("a bandwidth is not negative");
    }
  }

  /**
   * @throws IllegalArgumentException saying what it takes
   */
  public static Bandwidth parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals(UNLIMITED)) {
      return new Bandwidth(UNLIMITED, 0);
    }
    Matcher m = RATE.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("unknown bandwidth '" + text + "': write it as 100mbit, 1gbit, 500kbit or"
          + " unlimited");
    }
    double bits = Double.parseDouble(m.group(1)) * switch (m.group(2)) {
      case "kbit" -> 1e3;
      case "mbit" -> 1e6;
      default -> 1e9;
    };
    if (bits < 64e3 || bits > 100e9) {
      throw new IllegalArgumentException("bandwidth '" + text + "' is outside 64kbit to 100gbit");
    }
    return new Bandwidth(t, Math.round(bits / 8));
  }

  public boolean unlimited() {
    return bytesPerSecond == 0;
  }
}
