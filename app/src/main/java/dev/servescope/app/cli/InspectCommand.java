package dev.servescope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.image.ImageAccess;
import dev.servescope.app.image.ImageReport;
import dev.servescope.app.image.Instructions;
import dev.servescope.app.format.Bytes;
import dev.servescope.app.ladder.file.LadderVersion;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", description = "Why is an image this big: its layers with the files each added, changed and"
    + " removed, the bytes no container can see (wasted), dive's efficiency, the size to transfer (gzip), the"
    + " biggest files and folders, and bytes by kind. Reads the image from the engine in one streamed pass.")
final class InspectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "IMAGE", description = "an image reference, or a built-in rung (v1..v6)")
  String image;

  @Option(names = "--format", paramLabel = "json|text", defaultValue = "json",
      description = "output (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10",
      description = "biggest files and folders to list (default: ${DEFAULT-VALUE})")
  int top;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  private final ImageAccess images;

  InspectCommand(ImageAccess images) {
    this.images = images;
  }

  @Override
  public Integer call() throws Exception {
    ImageCommands.checkFormat(format);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long start = System.nanoTime();
    ImageReport r = ImageCommands.withInspector(images, err, (inspector, progress) ->
        inspector.inspect(LadderVersion.imageOf(image), Math.max(0, top), progress).report());
    err.printf(Locale.ROOT, "inspected %s in %.1f s%n", r.image(), (System.nanoTime() - start) / 1e9);
    err.flush();
    if (format.equals("json")) {
      out.println(new ObjectMapper().writeValueAsString(r));
    } else {
      text(out, r);
    }
    out.flush();
    return 0;
  }

  static void text(PrintWriter out, ImageReport r) {
    out.printf(Locale.ROOT, "%s: %s on disk, %s to transfer, %,d files; wasted %s, efficiency %.1f%%%n", r.image(),
        Bytes.text(r.sizeBytes()), Bytes.text(r.transferBytes()), r.files(),
        Bytes.text(r.wastedBytes()), r.efficiency() * 100);
    out.println("layers, bottom first (size, transfer, files added ~changed -removed, instruction):");
    for (ImageReport.LayerReport l : r.layers()) {
      out.printf(Locale.ROOT, "  %10s %10s  +%d ~%d -%d  %s%n", Bytes.text(l.sizeBytes()),
          Bytes.text(l.transferBytes()), l.filesAdded(), l.filesChanged(), l.filesRemoved(),
          oneLine(l.createdBy()));
    }
    out.println("by kind:");
    r.categories().forEach((k, v) -> {
      if (v > 0) {
        out.printf(Locale.ROOT, "  %10s  %s%n", Bytes.text(v), k);
      }
    });
    out.println("biggest files:");
    r.topFiles().forEach(f -> out.printf(Locale.ROOT, "  %10s  %s%n", Bytes.text(f.sizeBytes()),
        f.path()));
    out.println("biggest folders:");
    r.topFolders().forEach(f -> out.printf(Locale.ROOT, "  %10s  %s%n", Bytes.text(f.sizeBytes()),
        f.path()));
  }

  private static String oneLine(String createdBy) {
    String s = Instructions.label(createdBy);
    return s.length() <= 100 ? s : s.substring(0, 99) + "…";
  }

}
