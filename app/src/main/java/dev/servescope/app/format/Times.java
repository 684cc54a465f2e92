package dev.servescope.app.format;

/** Times as people read them in a list or a title: to the minute, in the history's own clock (UTC). */
public final class Times {
  private Times() {}

  /** {@code 2026-11-28T04:30:36.1Z} as {@code 2026-11-28 04:30}; a text too short to be one, as it is. */
  public static String minute(String iso) {
    return iso.length() >= 16 && iso.charAt(10) == 'T' ? iso.substring(0, 10) + " " + iso.substring(11, 16) : iso;
  }
}
