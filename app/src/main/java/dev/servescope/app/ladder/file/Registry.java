package dev.servescope.app.ladder.file;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry the user named for a run's pulls ({@code ladder --registry HOST:PORT}): each rung's image is pushed
 * there by the engine, under {@code HOST:PORT/servescope/RUNG:RUN}, and the empty node pulls it back from there.
 * Nothing else is pushed to it.
 *
 * @param host a host name, an IPv4 address or a bracketed IPv6 address, lower case
 * @param port 1 to 65535
 */
public record Registry(String host, int port) {
  /** The registry inside the empty node, on its own loopback, when the user names none. */
  public static final Registry NODES_OWN = new Registry("127.0.0.1", 5000);

  private static final Pattern ADDRESS = Pattern.compile(
      "((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[[0-9a-f:.]+])"
          + ":([0-9]{1,5})");

  public Registry {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("a registry's port is 1 to 65535, not " + port);
    }
  }

  /**
   * @throws IllegalArgumentException saying what it takes
   */
  public static Registry parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.contains("://") || t.contains("/")) {
      throw new IllegalArgumentException("registry '" + text + "': write HOST:PORT only (e.g. 127.0.0.1:5000), no"
          + " scheme and no path; ServeScope adds the repository servescope/RUNG itself");
    }
    Matcher m = ADDRESS.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("registry '" + text + "': write HOST:PORT (e.g. 127.0.0.1:5000 or"
          + " 10.0.0.5:5000), with the port");
    }
    return new Registry(m.group(1), Integer.parseInt(m.group(2)));
  }

  /** {@code HOST:PORT}, as image references begin. */
  public String address() {
    return host + ":" + port;
  }

  /** Whether {@code repository} (an image reference) is on this registry. */
  public boolean holds(String repository) {
    return repository != null && repository.startsWith(address() + "/");
  }

  /** The repository and tag a rung's image gets in a run, on this registry. */
  public String repository(String rung, String runId) {
    return address() + "/servescope/" + component(rung) + ":" + component(runId);
  }

  /** A name as a repository path component or tag takes it: lower case, letters, digits, {@code . _ -}. */
  public static String component(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
  }
}
