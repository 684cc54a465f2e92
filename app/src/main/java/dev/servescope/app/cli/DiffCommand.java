package dev.servescope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.image.ImageAccess;
import dev.servescope.app.image.ImageDiff;
import dev.servescope.app.format.Bytes;
import dev.servescope.app.ladder.file.LadderVersion;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", description = "What changed between two images as a container sees them: every file added,"
    + " removed or changed, with sums per folder and per kind. Any two images: two rungs (v4 v5), or one rung's image"
    + " before and after a change.")
final class DiffCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FROM", description = "an image reference, or a built-in rung (v1..v6)")
  String from;

  @Parameters(index = "1", paramLabel = "TO", description = "the same")
  String to;

  @Option(names = "--format", paramLabel = "json|text", defaultValue = "json",
      description = "output (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--top", paramLabel = "N", defaultValue = "15",
      description = "changes and folders to list in text (default: ${DEFAULT-VALUE}); JSON lists every change")
  int top;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  private final ImageAccess images;

  DiffCommand(ImageAccess images) {
    this.images = images;
  }

  @Override
  public Integer call() throws Exception {
    ImageCommands.checkFormat(format);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ImageDiff d = ImageCommands.withInspector(images, err, (inspector, progress) ->
        inspector.diff(LadderVersion.imageOf(from), LadderVersion.imageOf(to), progress));
    if (format.equals("json")) {
      out.println(new ObjectMapper().writeValueAsString(d));
    } else {
      text(out, d, top);
    }
    out.flush();
    return 0;
  }

  static void text(PrintWriter out, ImageDiff d, int top) {
    long added = d.changes().stream().filter(c -> c.change().equals("added")).count();
    long removed = d.changes().stream().filter(c -> c.change().equals("removed")).count();
    out.printf(Locale.ROOT, "%s -> %s: %s -> %s of files (%s); %d added, %d removed, %d changed%n", d.from(), d.to(),
        Bytes.text(d.fromBytes()), Bytes.text(d.toBytes()), Bytes.signed(d.deltaBytes()), added, removed,
        d.changes().size() - added - removed);
    out.println("by kind:");
    d.categories().forEach((k, v) -> {
      if (v != 0) {
        out.printf(Locale.ROOT, "  %10s  %s%n", Bytes.signed(v), k);
      }
    });
    out.println("by folder:");
    d.folders().entrySet().stream().limit(top).forEach(e -> out.printf(Locale.ROOT, "  %10s  %s%n",
        Bytes.signed(e.getValue()), e.getKey()));
    out.println("biggest changes:");
    d.changes().stream().limit(top).forEach(c -> out.printf(Locale.ROOT, "  %-8s %10s  %s%n", c.change(),
        Bytes.signed(c.toBytes() - c.fromBytes()), c.path()));
  }
}
