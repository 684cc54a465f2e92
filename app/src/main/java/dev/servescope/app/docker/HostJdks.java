package dev.servescope.app.docker;

import dev.servescope.app.ladder.PrerequisiteMissingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * JDKs installed on this machine, for local base images made from them when a public JDK image cannot be pulled:
 * {@code JAVA<N>_HOME} if set, else the JDKs under {@link #PLACES}. A JDK is a folder with {@code bin/java},
 * {@code bin/jlink} and a {@code release} file naming its version.
 */
public final class HostJdks {
  /** Where JDKs are installed on Debian, by Temurin's packages and by hand. */
  static final List<Path> PLACES = List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"), Path.of("/opt"));

  private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

  private final Map<String, String> env;
  private final List<Path> places;

  HostJdks(Map<String, String> env, List<Path> places) {
    this.env = env;
    this.places = places;
  }

  /** This machine's JDKs. */
  public static HostJdks ofThisMachine() {
    return new HostJdks(System.getenv(), PLACES);
  }

  /** Where a JDK of this feature version ({@code 25}) is, if one is. */
  public Optional<Path> find(int feature) {
    List<Path> candidates = new ArrayList<>();
    String home = env.get("JAVA" + feature + "_HOME");
    if (home != null && !home.isBlank()) {
      candidates.add(Path.of(home));
    }
    for (Path place : places) {
      try (Stream<Path> dirs = Files.list(place)) {
        dirs.filter(Files::isDirectory).sorted().forEach(candidates::add);
      } catch (IOException e) {
        // no such place here
      }
    }
    return candidates.stream().filter(c -> featureOf(c).orElse(-1) == feature).findFirst()
        .map(p -> p.toAbsolutePath().normalize());
  }

  /**
   * The JDK a local stand-in for {@code publicRef} is made from.
   *
   * @throws PrerequisiteMissingException saying where it looked and what to install, when there is none
   */
  public Path require(int feature, String publicRef) {
    return find(feature).orElseThrow(() -> new PrerequisiteMissingException("base image " + publicRef
        + " is not present and cannot be pulled, and no Java " + feature + " JDK was found on this machine to make it"
        + " from (looked at JAVA" + feature + "_HOME and in " + String.join(", ", places.stream().map(Path::toString)
            .toList()) + "): install a Java " + feature + " JDK (Temurin " + feature + ", say) into /usr/lib/jvm or"
        + " set JAVA" + feature + "_HOME to one, or pull the image"));
  }

  /** The feature version of the JDK at {@code home}; empty when it is not a JDK with jlink. */
  static Optional<Integer> featureOf(Path home) {
    if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isExecutable(home.resolve("bin/jlink"))) {
      return Optional.empty();
    }
    try {
      Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
