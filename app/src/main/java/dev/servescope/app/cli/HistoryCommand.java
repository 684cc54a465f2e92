package dev.servescope.app.cli;

import static dev.servescope.app.cli.JsonOut.obj;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.report.Reports;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "history", description = "List ladder runs (one JSON line each), or print one run with --show.")
final class HistoryCommand implements Callable<Integer> {
  @Option(names = "--show", paramLabel = "RUN", description = "print this run as JSON")
  String show;

  @Option(names = "--format", paramLabel = "json|csv", defaultValue = "json")
  String format;

  @picocli.CommandLine.Mixin
  HistoryOption history;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (show != null) {
      RunReport run = history.load(show, err).orElseThrow(() -> history.noRun(show));
      spec.commandLine().getOut().println(format.equals("csv") ? Reports.csv(run).strip()
          : new ObjectMapper().writeValueAsString(run));
      return 0;
    }
    JsonOut out = new JsonOut(spec.commandLine().getOut());
    for (RunReport r : history.runs(err)) {
      out.line(obj("run", r.id(), "started_at", r.startedAt(), "status", r.status(), "message", r.message(),
          "versions", r.versions().stream().map(v -> v.version()).toList()));
    }
    return 0;
  }
}
