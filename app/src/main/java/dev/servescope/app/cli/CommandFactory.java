package dev.servescope.app.cli;

import dev.servescope.app.wiring.Services;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Makes the commands and their shared options, each with the services it uses, from the one composition root;
 * everything else picocli makes as usual.
 */
final class CommandFactory implements CommandLine.IFactory {
  private final Map<Class<?>, Supplier<?>> made;

  CommandFactory(Services services) {
    HistoryOption.Histories histories = new HistoryOption.Histories() {
      @Override
      public dev.servescope.app.ladder.result.HistoryReader reader(java.nio.file.Path file) {
        return services.history(file);
      }

      @Override
      public dev.servescope.app.ladder.run.LadderRuns runs(java.nio.file.Path file) {
        return services.ladderRuns(file);
      }
    };
    made = Map.of(
        ModelOptions.class, () -> new ModelOptions(services.catalog()),
        HistoryOption.class, () -> new HistoryOption(services.historyFile(), histories),
        ModelsCommand.class, () -> new ModelsCommand(services.catalog()),
        ExportCommand.class, () -> new ExportCommand(services.catalog()),
        LadderCommand.class, () -> new LadderCommand(services.layout()),
        CleanCommand.class, () -> new CleanCommand(services.cleaner(), services.engines()),
        InspectCommand.class, () -> new InspectCommand(services.images()),
        DiffCommand.class, () -> new DiffCommand(services.images()),
        GuiCommand.class, () -> new GuiCommand(services));
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Supplier<?> make = made.get(cls);
    return make != null ? cls.cast(make.get()) : CommandLine.defaultFactory().create(cls);
  }
}
