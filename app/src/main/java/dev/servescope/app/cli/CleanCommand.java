package dev.servescope.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.servescope.app.ladder.CleanItem;
import dev.servescope.app.ladder.ContainerEngine;
import dev.servescope.app.ladder.DockerUnavailableException;
import dev.servescope.app.ladder.host.Cleaner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "clean", description = "Remove what ServeScope left behind: ladder images and their build stages,"
    + " containers of ServeScope processes that are gone, scratch folders of killed runs; one JSON line each."
    + " Containers of a ServeScope that still runs, here or on another machine, are kept and listed.")
final class CleanCommand implements Callable<Integer> {
  @Option(names = "--dry-run", description = "list what would be removed; remove nothing")
  boolean dryRun;

  @Option(names = "--all", description = "also the local base images (making them again takes minutes)")
  boolean all;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  private final Cleaner cleaner;
  private final Supplier<ContainerEngine> engines;

  CleanCommand(Cleaner cleaner, Supplier<ContainerEngine> engines) {
    this.cleaner = cleaner;
    this.engines = engines;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectMapper json = new ObjectMapper();
    AtomicInteger count = new AtomicInteger();
    AtomicLong listed = new AtomicLong();
    AtomicLong freed = new AtomicLong();
    java.util.function.Consumer<CleanItem> print = item -> {
      try {
        out.println(json.writeValueAsString(item));
        out.flush();
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      if (item.action().equals(CleanItem.REMOVED) || item.action().equals(CleanItem.WOULD_REMOVE)) {
        count.incrementAndGet();
        listed.addAndGet(item.sizeBytes());
        freed.addAndGet(item.freesBytes());
      }
    };
    int exit = 0;
    ContainerEngine engine = null;
    try {
      engine = engines.get();
    } catch (DockerUnavailableException e) {
      err.println("servescope: " + e.getMessage() + "; only scratch folders were cleaned");
      exit = 1;
    }
    try {
      cleaner.clean(engine, all, dryRun, print);
    } finally {
      if (engine != null) {
        engine.close();
      }
    }
    err.printf("%s %d items: %.1f MB by their sizes, at least %.1f MB freed (layers shared between them count in"
        + " each size)%n", dryRun ? "would remove" : "removed", count.get(), listed.get() / 1e6, freed.get() / 1e6);
    err.flush();
    return exit;
  }
}
