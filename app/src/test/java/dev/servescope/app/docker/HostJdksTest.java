package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.servescope.app.ladder.PrerequisiteMissingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local Java 25 base is made from a JDK of this machine's, found by its release file; none found says what to do. */
class HostJdksTest {
  @TempDir
  Path tmp;

  private Path jdk(String name, String version, boolean jlink) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("jvm").resolve(name));
    Files.createDirectories(home.resolve("bin"));
    for (String tool : jlink ? List.of("java", "jlink") : List.of("java")) {
      Path p = Files.writeString(home.resolve("bin").resolve(tool), "#!/bin/sh\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home;
  }

  @Test
  void theJdkOfTheAskedVersionIsFoundAmongOthersAndAJreIsNotOne() throws IOException {
    jdk("java-17-openjdk-amd64", "17.0.15", true);
    jdk("temurin-25-jre-amd64", "25.0.3", false);
    Path jdk25 = jdk("temurin-25-jdk-amd64", "25.0.3", true);
    HostJdks jdks = new HostJdks(Map.of(), List.of(tmp.resolve("jvm"), tmp.resolve("absent")));

    assertThat(jdks.find(25)).contains(jdk25);
    assertThat(jdks.find(17)).contains(tmp.resolve("jvm/java-17-openjdk-amd64"));
    assertThat(jdks.find(21)).isEmpty();
  }

  @Test
  void javaNHomeComesFirst() throws IOException {
    jdk("temurin-25-jdk-amd64", "25.0.3", true);
    Path own = jdk("own-25", "25.0.1", true);
    HostJdks jdks = new HostJdks(Map.of("JAVA25_HOME", own.toString()), List.of(tmp.resolve("jvm")));
    assertThat(jdks.find(25)).contains(own);
  }

  @Test
  void withNoneTheMessageSaysWhereItLookedAndWhatToInstall() throws IOException {
    jdk("java-17-openjdk-amd64", "17.0.15", true);
    HostJdks jdks = new HostJdks(Map.of(), List.of(tmp.resolve("jvm")));
    assertThatThrownBy(() -> jdks.require(25, "eclipse-temurin:25-jdk"))
        .isInstanceOf(PrerequisiteMissingException.class)
        .hasMessageContaining("eclipse-temurin:25-jdk is not present and cannot be pulled")
        .hasMessageContaining("JAVA25_HOME").hasMessageContaining(tmp.resolve("jvm").toString())
        .hasMessageContaining("install a Java 25 JDK");
  }
}
