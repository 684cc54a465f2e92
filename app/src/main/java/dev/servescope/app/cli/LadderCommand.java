package dev.servescope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.Limits;
import dev.servescope.app.ladder.file.Bandwidth;
import dev.servescope.app.ladder.file.LadderFile;
import dev.servescope.app.ladder.file.LadderFiles;
import dev.servescope.app.ladder.file.Prices;
import dev.servescope.app.ladder.file.Registry;
import dev.servescope.app.ladder.host.ProjectLayout;
import dev.servescope.app.ladder.measure.LadderSettings;
import dev.servescope.app.ladder.measure.ReplicaSettings;
import dev.servescope.app.ladder.result.RunReport;
import dev.servescope.app.ladder.result.RunStatus;
import dev.servescope.app.ladder.result.Spread;
import dev.servescope.app.ladder.result.VersionResult;
import dev.servescope.app.ladder.run.LadderListener;
import dev.servescope.app.report.Figures;
import dev.servescope.app.report.ReplicaText;
import dev.servescope.app.report.Reports;
import dev.servescope.inference.train.TsvDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ladder", description = "Build, run and measure a ladder through the Docker Engine API: the built-in"
    + " one (dockerfiles/ladder.yaml, v1..v6) or your own ladder file of Dockerfiles and images. Each rung's result"
    + " goes into the run history as soon as it is measured.")
final class LadderCommand implements Callable<Integer> {
  /** How long Ctrl-C waits for containers to be removed and the run recorded. */
  private static final Duration CLEAN_UP_WAIT = Duration.ofSeconds(60);

  private final Supplier<ProjectLayout> layout;

  /**
   * @param layout the checkout holding the built-in ladder file
   */
  LadderCommand(Supplier<ProjectLayout> layout) {
    this.layout = layout;
  }

  @Option(names = "--file", paramLabel = "LADDER.yaml",
      description = "the ladder file (default: the built-in ladder, dockerfiles/ladder.yaml)")
  Path file;

  @Option(names = {"--rungs", "--versions"}, paramLabel = "ID,...", split = ",",
      description = "only these rungs, in the file's order (default: all)")
  List<String> rungs = List.of();

  @Option(names = "--cpus", paramLabel = "N", description = "CPUs of every rung's container (default: the file's"
      + " limits:, else 2, or fewer on a small engine: with the load in a sidecar, all of the engine's CPUs but"
      + " the sidecar's one)")
  Double cpus;

  @Option(names = "--memory-mb", paramLabel = "MB", description = "memory of every rung's container (default: the"
      + " file's limits:, else 2048)")
  Long memoryMb;

  @Option(names = "--labelled", paramLabel = "FILE.tsv", description = "sentences with true labels (the eval"
      + " format: a header, a 0/1 'label' column, a text column) each rung answers through its API: its served"
      + " accuracy")
  Path labelled;

  @Option(names = "--sweep", paramLabel = "C,...", split = ",", description = "also measure throughput and p50/p99"
      + " at these concurrency levels, rising (e.g. 1,2,4,8), each for half of --duration, until more callers only"
      + " queue")
  List<Integer> sweep;

  @Option(names = "--slo-ms", paramLabel = "MS", defaultValue = "100",
      description = "the p99 objective of the sweep: the highest throughput that keeps it (default: ${DEFAULT-VALUE})")
  double sloMs;

  @Option(names = "--repeats", paramLabel = "N", defaultValue = "3", description = "start and measure each rung N"
      + " times, rungs taking turns; each figure is the median, with its spread (default: ${DEFAULT-VALUE})")
  int repeats;

  @Option(names = "--load", paramLabel = "sidecar|host", defaultValue = "sidecar", description = "where the load"
      + " generator runs: in a sidecar container sharing each rung's network namespace (no proxy in the path; works"
      + " on a remote engine), or on this host through the published port (default: ${DEFAULT-VALUE})")
  String load;

  @Option(names = "--floor", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "start an empty static server in every round too (dockerfiles/floor), so that each cold start"
      + " reads as a multiple of what any container costs on this engine (default: on; --no-floor to skip)")
  boolean floor;

  @Option(names = "--ready-timeout", paramLabel = "S", defaultValue = "300",
      description = "seconds a container may take from start to its first prediction (default: ${DEFAULT-VALUE})")
  int readyTimeout;

  @Option(names = "--report", paramLabel = "FILE", description = "also write the report to FILE")
  Path report;

  @Option(names = "--format", paramLabel = "json|csv", defaultValue = "json",
      description = "report format (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "4",
      description = "callers in the throughput phase (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--duration", paramLabel = "S", defaultValue = "10",
      description = "seconds of the latency phase and of the throughput phase (default: ${DEFAULT-VALUE})")
  int duration;

  @Option(names = "--rate", paramLabel = "R", defaultValue = "20",
      description = "requests per second in the open-loop latency phase (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--warmup", paramLabel = "S", defaultValue = "8",
      description = "seconds of load at C callers, discarded, before measuring (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--steady-within", paramLabel = "S", defaultValue = "30", description = "follow each start's"
      + " warm-up for up to S seconds after its first answer, at --rate, until three 1 s windows agree within 10%%:"
      + " its time to steady state; 0 to skip (default: ${DEFAULT-VALUE})")
  int steadyWithin;

  @Option(names = "--steady-rate", paramLabel = "R", description = "requests per second of the warm-up to steady"
      + " state (default: --rate); a rate near what the rung serves shows when its JIT is done, not only when"
      + " latency stops moving at a light load")
  Double steadyRate;

  @Option(names = "--bandwidth", paramLabel = "RATE,...", split = ",", defaultValue = "1gbit", description = "pull"
      + " each rung's image onto an empty node (an engine in a container, with a registry beside it, all on its own"
      + " loopback) through a limiter, once per bandwidth: 100mbit, 1gbit, unlimited...; 'off' to skip (default:"
      + " ${DEFAULT-VALUE})")
  List<String> bandwidth;

  @Option(names = "--registry", paramLabel = "HOST:PORT", description = "measure the pulls from your registry: the"
      + " engine pushes each rung's image there as HOST:PORT/servescope/RUNG:RUN (nothing else; the images stay) with"
      + " its own settings, and the empty node pulls it back through the limiter (default: a registry of the node's"
      + " own, removed with it)")
  String registry;

  @Option(names = "--prices", paramLabel = "NAME=USD,...", description = "prices for dollar figures, as assumptions"
      + " printed beside them: cpu_hour, mem_gb_hour, gb_month (registry storage), egress_gb (e.g."
      + " cpu_hour=0.04,gb_month=0.10,egress_gb=0.09); over the ladder file's prices:")
  String prices;

  @Option(names = {"-v", "--verbose"}, description = "also print every build and container log line on stderr")
  boolean verbose;

  @picocli.CommandLine.Mixin
  HistoryOption history;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!format.equals("json") && !format.equals("csv")) {
      throw new IllegalArgumentException("--format must be json or csv");
    }
    if ((cpus == null) != (memoryMb == null)) {
      throw new IllegalArgumentException("--cpus and --memory-mb go together: every rung gets the same limits");
    }
    LadderSettings settings = settings();
    PrintWriter err = spec.commandLine().getErr();
    LadderFile ladder = LadderFiles.read(file != null ? file : layout.get().ladderFile());
    Prices stated = settings.replica().prices().isEmpty() ? ladder.prices() : settings.replica().prices();
    List<String> chosen = rungs.stream().map(String::strip).toList();
    ladder.select(chosen);
    RunReport run = untilCleanedUp(err, cancel -> history.ladderRuns().run(ladder, chosen, settings,
        new ProgressPrinter(err, verbose, stated), cancel));
    String text = format.equals("csv") ? Reports.csv(run) : Reports.json(run);
    if (report != null) {
      OutputFiles.write(report, text);
    }
    spec.commandLine().getOut().println(format.equals("csv") ? text.strip() : new ObjectMapper()
        .writeValueAsString(new ObjectMapper().readTree(text)));
    spec.commandLine().getOut().flush();
    err.println("run " + run.id() + ": " + run.status() + (run.message() == null ? "" : " (" + run.message() + ")")
        + (run.hardware() == null ? "" : "; on " + run.hardware().summary())
        + (run.setup() == null ? "" : "; every rung limited to " + run.setup().limits().summary()
        + (run.setup().load() == null ? "" : "; " + run.setup().load().summary())
        + "; figures are medians of " + run.setup().repeats() + (run.setup().repeats() == 1 ? " start" : " starts")
        + (run.setup().floor() == null ? "" : "; the floor (an empty static server) started in "
        + run.setup().floor().coldStartMs() + " ms")));
    if (!stated.isEmpty()) {
      err.println("dollar figures " + stated.assumptions());
    }
    return run.status() == RunStatus.COMPLETE ? 0 : 1;
  }

  /** The settings the options give. */
  private LadderSettings settings() throws IOException {
    LadderSettings settings = new LadderSettings(concurrency, Duration.ofSeconds(duration), rate,
        Duration.ofSeconds(warmup), Duration.ofSeconds(readyTimeout), cpus == null ? null
        : new Limits(cpus, memoryMb << 20), List.of(), sweep == null ? List.of() : sweep.stream().distinct().sorted()
        .toList(), sloMs, repeats, load, floor, new ReplicaSettings(Duration.ofSeconds(steadyWithin),
        steadyWithin == 0 ? Duration.ZERO : ReplicaSettings.DEFAULT_IDLE, prices == null ? Prices.NONE
        : Prices.parse(prices), bandwidths(), steadyRate == null ? 0 : steadyRate, registry == null ? null
        : Registry.parse(registry)));
    if (labelled != null) {
      settings = settings.withLabelled(TsvDataset.read(labelled));
    }
    return settings;
  }

  private List<Bandwidth> bandwidths() {
    List<String> named = bandwidth.stream().map(String::strip).toList();
    return named.equals(List.of("off")) ? List.of() : named.stream().map(Bandwidth::parse).toList();
  }

  /**
   * Runs {@code work} so that Ctrl-C or SIGTERM cancels it, then holds the JVM until the runner has removed its
   * containers and recorded the run as cancelled (the JVM exits as soon as its shutdown hooks return).
   */
  private static RunReport untilCleanedUp(PrintWriter err, java.util.function.Function<Cancellation, RunReport> work) {
    Cancellation cancel = new Cancellation();
    CountDownLatch cleanedUp = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      cancel.cancel();
      try {
        if (!cleanedUp.await(CLEAN_UP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
          err.println("servescope: gave up waiting for the clean-up; 'servescope clean' removes what is left");
          err.flush();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "ladder-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return work.apply(cancel);
    } finally {
      cleanedUp.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is running.
      }
    }
  }

  /** Progress on stderr, one line per phase change; with {@code --verbose} every build and container log line too. */
  private static final class ProgressPrinter implements LadderListener {
    private final PrintWriter err;
    private final boolean verbose;
    private final Prices prices;

    ProgressPrinter(PrintWriter err, boolean verbose, Prices prices) {
      this.err = err;
      this.verbose = verbose;
      this.prices = prices;
    }

    @Override
    public void log(String rung, String line) {
      if (verbose || line.startsWith("agreement") || line.startsWith("reference") || line.startsWith("pull")
          || line.startsWith("pushed") || line.startsWith("floor: first answer")
          || line.startsWith("floor: not measured")) {
        err.printf("[%s] %s%n", rung, line);
        err.flush();
      }
    }

    @Override
    public void phase(String rung, String phase, double fraction) {
      err.printf("[%s %3d%%] %s%n", rung, Math.round(fraction * 100), phase);
      err.flush();
    }

    @Override
    public void rungFinished(String rung, VersionResult r) {
      err.printf("[%s done] image %.1f MB, container %.1f MB, cold start %s, p50 %s, p99 %s,"
          + " %s, agreement %s%s%s%n", rung, r.imageBytes() / 1e6, r.containerBytes() / 1e6,
          Figures.withSpread(r.coldStartMs(), r.coldStartSpread(), "%.0f", " ms"),
          Figures.withSpread(r.latencyMs().p50(), r.latencySpread() == null ? null : r.latencySpread().p50(), "%.1f",
              " ms"),
          Figures.withSpread(r.latencyMs().p99(), r.latencySpread() == null ? null : r.latencySpread().p99(), "%.1f",
              " ms"),
          Figures.withSpread(r.throughputPerSecond(), r.throughputSpread(), "%.1f", " req/s"),
          r.labelAgreement() == null ? "-"
          : String.format("%.0f%%", r.labelAgreement() * 100), r.servedAccuracy() == null ? ""
          : String.format(", served accuracy %.1f%%", r.servedAccuracy() * 100), r.noisy().isEmpty() ? ""
          : "; NOISY (spread over " + Math.round(Spread.NOISY_WIDTH * 100) + "% of the median): "
          + String.join(", ", r.noisy()));
      if (r.coldStartVsFloor() != null) {
        err.printf("[%s cold start] %s the floor's%n", rung, String.format("\u00d7%.1f", r.coldStartVsFloor()));
      }
      if (r.coldStartBreakdownMs() != null) {
        err.printf("[%s cold start] %s%n", rung, Figures.breakdown(r.coldStartBreakdownMs()));
      }
      if (r.servedEfficiency() != null) {
        err.printf("[%s served efficiency] %.0f%%: %.1f req/s served, %.1f/s in process on the same CPUs%n", rung,
            r.servedEfficiency() * 100, r.throughputPerSecond(), r.inProcessThroughputPerSecond());
      }
      String replica = ReplicaText.line(r, prices);
      if (!replica.isEmpty()) {
        err.printf("[%s new replica] %s%n", rung, replica);
      }
      if (r.sweep() != null) {
        err.printf("[%s sweep] %s; within p99 <= %.0f ms: %s%n", rung, String.join(", ", r.sweep().points().stream()
            .map(p -> String.format("%d: %.0f req/s, p99 %.1f ms", p.concurrency(), p.throughputPerSecond(), p.p99()))
            .toList()), r.sweep().sloMs(), r.sweep().maxThroughputWithinSlo() == null ? "none"
            : String.format("%.0f req/s", r.sweep().maxThroughputWithinSlo()));
      }
      err.flush();
    }

    @Override
    public void rungFailed(String rung, Exception e) {
      err.printf("[%s failed] %s%n", rung, e.getMessage());
      err.flush();
    }

    @Override
    public void rungSkipped(String rung, String reason) {
      err.printf("[%s skipped] %s%n", rung, reason);
      err.flush();
    }
  }
}
