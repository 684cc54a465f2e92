package dev.servescope.app.cli;

import dev.servescope.app.load.LoadAgent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The load sidecar's process, run by {@code docker exec}: one {@link LoadAgent} command, its answer the last line on
 * standard output. A plain main, not a picocli command: the sidecar carries only the load generator's jars.
 */
public final class LoadAgentMain {
  private LoadAgentMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: LoadAgentMain ready MS | measure WARMUP_MS CALLERS RATE MS | closed-loop CALLERS MS"
          + " WARMUP_MS | answers | limit LISTEN TARGET BYTES_PER_S MS | hub PORT DIR MS");
      System.exit(2);
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println(LoadAgent.answer(args, out));
  }
}
