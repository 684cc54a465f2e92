package dev.servescope.app.cli;

import static dev.servescope.app.cli.JsonOut.obj;

import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", description = "Write a run as one self-contained HTML page to share: the overview table"
    + " with spreads and changes, the charts (inline SVG), the biggest layers, the hardware and settings. Nothing in"
    + " it is fetched from the network.")
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--run", paramLabel = "RUN", description = "the run (default: the newest with measured rungs)")
  String run;

  @Option(names = "--out", required = true, paramLabel = "FILE.html")
  Path out;

  @picocli.CommandLine.Mixin
  HistoryOption history;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    RunReport[] picked = HtmlReport.pick(history.runs(spec.commandLine().getErr()), run);
    OutputFiles.write(out, HtmlReport.render(picked[0], picked[1]));
    new JsonOut(spec.commandLine().getOut()).line(obj("run", picked[0].id(), "report",
        out.toAbsolutePath().toString(), "rungs", picked[0].versions().size()));
    return 0;
  }
}
