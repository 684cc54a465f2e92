package dev.servescope.app.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.LadderFileException;
import dev.servescope.app.ladder.file.LadderFiles;
import dev.servescope.app.ladder.result.BudgetCheck;
import dev.servescope.app.ladder.result.RunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check", description = "Hold a ladder run against the budgets of a ladder file: one line per rule,"
    + " PASS or FAIL. Exit 0 when every rule passes, 1 when one fails, 2 when the file or the run cannot be used.")
final class CheckCommand implements Callable<Integer> {
  static final int PASSED = 0;
  static final int FAILED = 1;
  static final int UNUSABLE = 2;

  @Option(names = "--file", required = true, paramLabel = "LADDER.yaml", description = "the ladder file with budgets")
  Path file;

  @ArgGroup(multiplicity = "1")
  Source source;

  /** Where the run to check comes from. */
  static final class Source {
    @Option(names = "--report", paramLabel = "FILE", description = "a JSON report written by 'ladder --report'")
    Path report;

    @Option(names = "--run", paramLabel = "ID", description = "a run in the history")
    String run;
  }

  @Option(names = "--baseline", paramLabel = "RUN|FILE",
      description = "the run (history id or JSON report) max_regression_pct compares with")
  String baseline;

  @Mixin
  HistoryOption history;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LadderFile ladder;
    RunReport run;
    Optional<RunReport> base;
    try {
      ladder = LadderFiles.read(file);
      run = source.report != null ? readReport(source.report) : fromHistory(source.run, err);
      base = baseline == null ? Optional.empty() : Optional.of(Files.isRegularFile(Path.of(baseline))
          ? readReport(Path.of(baseline)) : fromHistory(baseline, err));
    } catch (LadderFileException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return UNUSABLE;
    }
    if (run.setup() != null && !run.setup().ladder().equals(ladder.name())) {
      err.println("warning: run " + run.id() + " measured ladder '" + run.setup().ladder() + "', not '"
          + ladder.name() + "' of " + file);
    }
    base.ifPresent(b -> {
      if (run.setup() != null && b.setup() != null && !run.setup().limits().equals(b.setup().limits())) {
        err.println("warning: run " + run.id() + " ran its rungs with " + run.setup().limits().summary()
            + ", baseline " + b.id() + " with " + b.setup().limits().summary() + ": figures do not compare");
      }
      List<String> differences = run.hardware() == null || b.hardware() == null ? List.of()
          : run.hardware().differencesFrom(b.hardware());
      if (!differences.isEmpty()) {
        err.println("warning: run " + run.id() + " and baseline " + b.id() + " ran on different hardware ("
            + String.join(", ", differences) + "): regressions may be the machine's");
      }
    });
    List<BudgetCheck.Rule> rules = BudgetCheck.evaluate(ladder, run, base);
    rules.forEach(r -> out.println(r.line()));
    out.flush();
    long failed = rules.stream().filter(r -> !r.pass()).count();
    err.println(rules.isEmpty() ? "no budget in " + file + " applies to run " + run.id()
        : rules.size() - failed + " of " + rules.size() + " rules passed for run " + run.id());
    err.flush();
    return failed == 0 ? PASSED : FAILED;
  }

  private static RunReport readReport(Path report) {
    try {
      return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(report.toFile(), RunReport.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the report " + report + ": " + e.getMessage(), e);
    }
  }

  private RunReport fromHistory(String id, PrintWriter err) {
    return history.load(id, err).orElseThrow(() -> history.noRun(id));
  }
}
