package dev.servescope.app.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Layers made as tar streams in the test, with known answers: whiteouts, opaque folders, overwrites, hard links. */
class FileSystemViewTest {

  static List<FileEntry> layer(Tars tars) throws IOException {
    return LayerReader.read(new ByteArrayInputStream(tars.bytes()));
  }

  static List<FileEntry> bottom() throws IOException {
    return layer(new Tars().dir("a").file("a/file1", 100).file("a/keep", 10).dir("d").file("d/x", 50)
        .file("d/y", 70).file("t", 40).hardlink("l", "t").symlink("s", "/a/keep"));
  }

  static List<FileEntry> top() throws IOException {
    // Whiteouts and the opaque marker may come after the layer's own entries: they act on the layers below only.
    return layer(new Tars().file("d/z", 5).file("a/keep", 30).whiteout("a/file1").opaque("d").whiteout("t"));
  }

  @Test
  void aLayersTarBecomesEntriesWithWhiteoutsAndLinksRecognised() throws IOException {
    assertThat(bottom()).extracting(FileEntry::path, FileEntry::kind, FileEntry::size, FileEntry::link).contains(
        org.assertj.core.groups.Tuple.tuple("a", FileEntry.Kind.DIR, 0L, null),
        org.assertj.core.groups.Tuple.tuple("a/file1", FileEntry.Kind.FILE, 100L, null),
        org.assertj.core.groups.Tuple.tuple("l", FileEntry.Kind.HARDLINK, 0L, "t"),
        org.assertj.core.groups.Tuple.tuple("s", FileEntry.Kind.SYMLINK, 0L, "/a/keep"));
    assertThat(top()).extracting(FileEntry::path, FileEntry::kind).contains(
        org.assertj.core.groups.Tuple.tuple("a/file1", FileEntry.Kind.WHITEOUT),
        org.assertj.core.groups.Tuple.tuple("d", FileEntry.Kind.OPAQUE),
        org.assertj.core.groups.Tuple.tuple("t", FileEntry.Kind.WHITEOUT));
  }

  @Test
  void removedAndOverwrittenBytesAreWastedButAHardLinkKeepsItsTargetsBytesVisible() throws IOException {
    FileSystemView view = FileSystemView.of(List.of(bottom(), top()));

    assertThat(view.fileBytes()).containsOnly(Map.entry("a/keep", 30L), Map.entry("d/z", 5L),
        Map.entry("l", 40L), Map.entry("s", 0L));
    // file1 (100) removed, keep (10) overwritten, d/x and d/y (120) under an opaque folder; t's 40 live on in l.
    assertThat(view.wastedBytes()).isEqualTo(230);
    FileSystemView.LayerChange second = view.changes().get(1);
    assertThat(second).isEqualTo(new FileSystemView.LayerChange(1, 1, 4, 230));
    assertThat(view.changes().get(0)).isEqualTo(new FileSystemView.LayerChange(7, 0, 0, 0));
    // Versions per path: file1 100+0, keep 10+30, x 50+0, y 70+0, t 40+0, z 5: the smallest 15 of 305.
    assertThat(view.efficiency()).isCloseTo(15.0 / 305, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aFileOverAFolderHidesTheFolderAndAFolderOverAFileHidesTheFile() throws IOException {
    FileSystemView view = FileSystemView.of(List.of(
        layer(new Tars().dir("x").file("x/in", 8).file("y", 3)),
        layer(new Tars().file("x", 2).dir("y").file("y/in", 1))));
    assertThat(view.fileBytes()).containsOnly(Map.entry("x", 2L), Map.entry("y/in", 1L));
    assertThat(view.wastedBytes()).isEqualTo(11);
  }

  @Test
  void theDiffOfTwoViewsNamesEachFileAddedRemovedOrChangedWithItsBytes() throws IOException {
    FileSystemView before = FileSystemView.of(List.of(bottom()));
    FileSystemView after = FileSystemView.of(List.of(bottom(), top(),
        layer(new Tars().file("usr/lib/jvm/lib/modules", 20))));
    ImageDiff diff = ImageDiff.of("one", before, "two", after);

    assertThat(diff.changes()).containsExactly(
        new ImageDiff.Change("/a/file1", "removed", 100, 0),
        new ImageDiff.Change("/d/y", "removed", 70, 0),
        new ImageDiff.Change("/d/x", "removed", 50, 0),
        new ImageDiff.Change("/l", "changed", 0, 40),
        new ImageDiff.Change("/t", "removed", 40, 0),
        new ImageDiff.Change("/a/keep", "changed", 10, 30),
        new ImageDiff.Change("/usr/lib/jvm/lib/modules", "added", 0, 20),
        new ImageDiff.Change("/d/z", "added", 0, 5));
    assertThat(diff.deltaBytes()).isEqualTo(95 - 270);
    assertThat(diff.folders()).containsEntry("/d", -115L).containsEntry("/a", -80L).containsEntry("/usr/lib", 20L);
    assertThat(diff.categories()).containsEntry(Categories.JAVA, 20L);
  }

  @Test
  void sameSizeButOtherContentIsAChange() throws IOException {
    FileSystemView a = FileSystemView.of(List.of(layer(new Tars().text("app/config", "threads=1"))));
    FileSystemView b = FileSystemView.of(List.of(layer(new Tars().text("app/config", "threads=2"))));
    FileSystemView c = FileSystemView.of(List.of(layer(new Tars().text("app/config", "threads=1"))));
    assertThat(ImageDiff.of("a", a, "b", b).changes()).singleElement()
        .isEqualTo(new ImageDiff.Change("/app/config", "changed", 9, 9));
    assertThat(ImageDiff.of("a", a, "c", c).changes()).isEmpty();
  }

  @Test
  void pathsFallIntoTheCategoriesAnImageIsMadeOf() {
    assertThat(Categories.of("usr/lib/jvm/java-17-openjdk-amd64/lib/modules")).isEqualTo(Categories.JAVA);
    assertThat(Categories.of("opt/jre/lib/server/libjvm.so")).isEqualTo(Categories.JAVA);
    assertThat(Categories.of("app/native/libonnxruntime.so")).isEqualTo(Categories.NATIVE);
    assertThat(Categories.of("srv/node_modules/onnxruntime-node/bin/napi-v3/linux/x64/libonnxruntime.so.1"))
        .isEqualTo(Categories.NATIVE);
    assertThat(Categories.of("app/models/minilm-l6-int8/model.onnx")).isEqualTo(Categories.MODEL);
    assertThat(Categories.of("app/lib/onnxruntime-1.20.0.jar")).isEqualTo(Categories.JARS);
    assertThat(Categories.of("usr/lib/x86_64-linux-gnu/libc.so.6")).isEqualTo(Categories.OS);
    assertThat(Categories.of("var/lib/apt/lists/deb.x_Packages")).isEqualTo(Categories.CACHES);
    assertThat(Categories.of("root/.m2/repository/a.jar")).isEqualTo(Categories.CACHES);
    assertThat(Categories.of("usr/share/doc/bash/copyright")).isEqualTo(Categories.DOCS);
    assertThat(Categories.of("srv/server.mjs")).isEqualTo(Categories.OTHER);
  }
}
