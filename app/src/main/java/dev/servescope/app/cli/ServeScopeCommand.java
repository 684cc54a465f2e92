package dev.servescope.app.cli;

import dev.servescope.app.wiring.Services;
import dev.servescope.inference.InvalidInputException;
import dev.servescope.inference.ModelLoadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code servescope} command and its subcommands. */
@Command(name = "servescope", mixinStandardHelpOptions = true, version = "ServeScope 0.1.0",
    description = "What does each packaging and serving decision cost? Predict, benchmark and serve BERT-family"
        + " classifiers; without a command, opens the desktop app.",
    subcommands = {PredictCommand.class, EvalCommand.class, BenchCommand.class, ServeCommand.class,
        TrainCommand.class, ExportCommand.class, ModelsCommand.class, LadderCommand.class, HistoryCommand.class,
        LoadCommand.class, CheckCommand.class, CleanCommand.class, InspectCommand.class, DiffCommand.class,
        ReportCommand.class, GuiCommand.class})
public final class ServeScopeCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ServeScopeCommand.class);

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the CLI on {@code services} and returns the process exit code. */
  public static int run(Services services, String... args) {
    return run(services, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the CLI with the given streams; for tests. */
  public static int run(Services services, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new ServeScopeCommand(), new CommandFactory(services));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + message(e));
      if (!(e instanceof InvalidInputException || e instanceof ModelLoadException || e instanceof IOException
          || e instanceof UncheckedIOException || e instanceof IllegalArgumentException)) {
        LOG.debug("command failed", e);
      }
      return 1;
    });
    return cli.execute(args);
  }

  private static String message(Throwable e) {
    Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
