package dev.servescope.app.cli;

import static dev.servescope.app.cli.JsonOut.obj;

import dev.servescope.app.ladder.Cancellation;
import dev.servescope.app.ladder.file.Probe;
import dev.servescope.app.ladder.file.Samples;
import dev.servescope.app.load.LoadGenerator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "load", description = "Load-test any prediction server: open-loop latency at a fixed rate, then"
    + " closed-loop throughput with concurrent callers.")
final class LoadCommand implements Callable<Integer> {
  @Option(names = "--url", required = true, paramLabel = "URL", description = "e.g. http://127.0.0.1:8080/prediction")
  URI url;

  @Option(names = "--rate", paramLabel = "R", defaultValue = "20",
      description = "requests/s (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "4", description = "default: ${DEFAULT-VALUE}")
  int concurrency;

  @Option(names = "--duration", paramLabel = "S", defaultValue = "10", description = "seconds per phase (default:"
      + " ${DEFAULT-VALUE})")
  int duration;

  @Option(names = "--input", paramLabel = "FILE", description = "sentences, one a line (default: the samples)")
  Path input;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<String> sentences = input == null ? Samples.builtIn() : BenchCommand.readLines(input);
    List<String> bodies = sentences.stream().map(Probe.SERVESCOPE::body).toList();
    Cancellation cancel = new Cancellation();
    try (LoadGenerator load = new LoadGenerator(url, bodies)) {
      LoadGenerator.OpenLoopResult open = load.openLoop(rate, Duration.ofSeconds(duration), cancel::isCancelled);
      double throughput = load.throughput(concurrency, Duration.ofSeconds(duration), cancel::isCancelled);
      new JsonOut(spec.commandLine().getOut()).line(obj("url", url.toString(), "rate", rate, "sent", open.sent(),
          "errors", open.errors(), "latency_ms", BenchCommand.percentiles(open.latency()),
          "concurrency", concurrency, "throughput_per_s", Math.round(throughput * 10) / 10.0));
    }
    return 0;
  }
}
