package dev.servescope.app.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.servescope.app.ladder.file.LadderVersion;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.host.WorkFolders;
import dev.servescope.inference.model.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build contexts carry what each Dockerfile copies and nothing else; checked on a fake checkout. */
class BuildContextsTest {
  @TempDir
  Path tmp;

  private ProjectLayout layout;
  private BuildContexts contexts;

  @BeforeEach
  void fakeCheckout() throws IOException {
    Path root = tmp.resolve("checkout");
    for (LadderVersion v : LadderVersion.ALL) {
      Path dir = Files.createDirectories(root.resolve("dockerfiles").resolve(v.id()));
      Files.writeString(dir.resolve("Dockerfile"), "# " + v.id() + "\nFROM scratch\n");
    }
    Files.writeString(root.resolve("dockerfiles/strip-natives.sh"), "#!/bin/sh\n");
    Files.writeString(root.resolve("dockerfiles/collect-libs.sh"), "#!/bin/sh\n");
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    Files.createDirectories(root.resolve("inference/target/server-lib"));
    Files.writeString(root.resolve("inference/target/server-lib/onnxruntime-1.20.0.jar"), "cpu");
    Files.writeString(root.resolve("inference/target/server-lib/tokenizers-0.36.0.jar"), "tok");
    Files.writeString(root.resolve("inference/target/servescope-inference-0.1.0.jar"), "inf");
    Files.createDirectories(root.resolve("app/target/lib"));
    Files.writeString(root.resolve("app/target/lib/onnxruntime-1.20.0.jar"), "cpu");
    Files.writeString(root.resolve("app/target/lib/picocli-4.7.7.jar"), "cli");
    Files.createDirectories(root.resolve("app/src/main/java"));
    Files.writeString(root.resolve("app/src/main/java/Main.java"), "class Main {}");
    Files.createDirectories(root.resolve(".git"));
    Files.writeString(root.resolve(".git/config"), "secret remote");
    Files.createDirectories(root.resolve("bench/node/node_modules/x"));
    Files.writeString(root.resolve("bench/node/node_modules/x/index.js"), "");
    Path gpu = Files.writeString(tmp.resolve("onnxruntime_gpu-1.20.0.jar"), "gpu");
    layout = new ProjectLayout(root);
    contexts = new BuildContexts(layout, ModelCatalog.withDefaultCache(), () -> gpu);
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted()
          .toList();
    }
  }

  @Test
  void aSlimVersionGetsTheServerJarsAndItsBakedModelOnly() throws IOException {
    Path ctx = contexts.prepare(LadderVersion.byId("v5"), tmp.resolve("ctx5"));
    assertThat(files(ctx)).containsExactlyInAnyOrder("Dockerfile", "collect-libs.sh", "strip-natives.sh",
        "lib/onnxruntime-1.20.0.jar", "lib/tokenizers-0.36.0.jar", "lib/servescope-inference-0.1.0.jar",
        "model/model.onnx", "model/tokenizer.json", "model/head.json", "model/variant.json");
    assertThat(Files.readString(ctx.resolve("model/variant.json"))).contains("minilm-l6-int8");
  }

  @Test
  void aDownloadAtStartVersionCarriesNoModel() throws IOException {
    Path ctx = contexts.prepare(LadderVersion.byId("v2"), tmp.resolve("ctx2"));
    assertThat(files(ctx)).noneMatch(f -> f.startsWith("model/"));
    assertThat(files(ctx)).contains("lib/onnxruntime-1.20.0.jar");
  }

  @Test
  void theNaiveVersionTakesTheProjectOnPurposeButNeverBuildOutputOrVcsData() throws IOException {
    Path ctx = contexts.prepare(LadderVersion.byId("v1"), tmp.resolve("ctx1"));
    List<String> files = files(ctx);
    assertThat(files).contains("project/pom.xml", "project/app/src/main/java/Main.java", "lib/picocli-4.7.7.jar",
        "lib/onnxruntime_gpu-1.20.0.jar");
    assertThat(files).as("the GPU build replaces the CPU one").doesNotContain("lib/onnxruntime-1.20.0.jar");
    assertThat(files).noneMatch(f -> f.contains(".git/") || f.contains("/target/") || f.contains("node_modules"));
  }

  @Test
  void inAGitCheckoutTheNaiveVersionTakesWhatGitTracksAndNothingPrivate() throws Exception {
    Path root = checkoutWithPrivateFiles();
    Files.writeString(root.resolve("deploy.key"), "-----BEGIN PRIVATE KEY-----");
    Files.writeString(root.resolve("notes.txt"), "untracked scratch");
    git(root, "init", "-q");
    git(root, "add", "pom.xml", "app/src", "dockerfiles");
    Path ctx = contexts.prepare(LadderVersion.byId("v1"), tmp.resolve("ctx1"));
    assertThat(files(ctx)).contains("project/pom.xml", "project/app/src/main/java/Main.java",
        "project/dockerfiles/v1/Dockerfile").noneMatch(f -> f.startsWith("project/.envrc")
        || f.equals("project/deploy.key") || f.equals("project/notes.txt") || f.contains("/target/"));
  }

  @Test
  void outsideACheckoutHiddenAndKeyLikeFilesStayOut() throws Exception {
    Path root = checkoutWithPrivateFiles();
    Files.writeString(root.resolve("server.pem"), "key");
    Files.writeString(root.resolve("id_ed25519"), "key");
    assertThat(ProjectFiles.walk(root)).map(Path::toString).contains("pom.xml")
        .doesNotContain(".envrc", "server.pem", "id_ed25519").noneMatch(f -> f.contains("target"));
  }

  /** The fake checkout without its fake .git, and with an env file no image may carry. */
  private Path checkoutWithPrivateFiles() throws IOException {
    Path root = layout.root();
    WorkFolders.delete(root.resolve(".git"));
    Files.writeString(root.resolve(".envrc"), "export TOKEN=secret");
    return root;
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t",
        "-c", "user.email=t@example.invalid"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  @Test
  void everyStageOfTheContextsDockerfileIsLabelled() throws IOException {
    Path ctx = contexts.prepare(LadderVersion.byId("v5"), tmp.resolve("ctx5"));
    assertThat(Files.readString(ctx.resolve("Dockerfile")))
        .contains("FROM scratch\nLABEL dev.servescope.managed=ladder dev.servescope.version=v5\n");
  }

  @Test
  void labelsFollowEachFromLineEvenContinuedOrLowerCase() {
    String dockerfile = "# syntax=docker/dockerfile:1\nARG BASE=debian\nFROM ${BASE} AS build\nRUN make \\\n"
        + "  all\nfrom build \\\n  AS final\nCOPY --from=build /a /a\n";
    String label = "LABEL dev.servescope.managed=ladder dev.servescope.version=v9";
    assertThat(BuildContexts.labelEveryStage(dockerfile, "v9")).isEqualTo("# syntax=docker/dockerfile:1\n"
        + "ARG BASE=debian\nFROM ${BASE} AS build\n" + label + "\nRUN make \\\n  all\nfrom build \\\n  AS final\n"
        + label + "\nCOPY --from=build /a /a\n");
  }
}
