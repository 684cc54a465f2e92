package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trimming a root file system deletes exactly its caches and docs, whatever its path holds. */
class BaseImagesTrimTest {

  @Test
  void aRootFileSystemUnderAPathWithSpacesAndStarsLosesOnlyItsCachesAndDocs(@TempDir Path tmp) throws Exception {
    Path rootfs = Files.createDirectories(tmp.resolve("work dir; rm -rf * /debian rootfs"));
    Path keep = Files.writeString(Files.createDirectories(tmp.resolve("work dir")).resolve("precious"), "keep");
    Path deb = Files.writeString(Files.createDirectories(rootfs.resolve("var/cache/apt/archives"))
        .resolve("libc6.deb"), "x");
    Files.createDirectories(rootfs.resolve("var/cache/apt/archives/partial"));
    Path list = Files.writeString(Files.createDirectories(rootfs.resolve("var/lib/apt/lists")).resolve("Packages"),
        "x");
    Path doc = Files.writeString(Files.createDirectories(rootfs.resolve("usr/share/doc/bash")).resolve("README"), "x");
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep");
    Files.createSymbolicLink(rootfs.resolve("usr/share/man"), tmp);
    Path bin = Files.writeString(Files.createDirectories(rootfs.resolve("usr/bin")).resolve("sh"), "x");

    BaseImages.trim(rootfs);

    assertThat(deb).doesNotExist();
    assertThat(list).doesNotExist();
    assertThat(doc).doesNotExist();
    assertThat(rootfs.resolve("var/cache/apt/archives/partial")).isDirectory();
    assertThat(bin).exists();
    assertThat(keep).as("a path that a shell would have split").exists();
    assertThat(outside).as("a link is not followed out of the root file system").exists();
  }
}
