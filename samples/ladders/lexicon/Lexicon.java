import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A word-list sentiment service: no model, a few hundred bytes of rules. The kind of baseline a team serves before a
 * transformer, and a service whose API is not ServeScope's:
 *
 * <pre>
 * GET  /ping                                         -> 200 pong
 * POST /api/sentiment {"document": {"text": "..."}}   -> {"prediction": {"sentiment": "POS", "hits": 2}}
 * </pre>
 *
 * Port 5000, or $PORT.
 */
public final class Lexicon {
  private static final Set<String> POSITIVE = Set.of("good", "great", "excellent", "wonderful", "best", "love",
      "loved", "lovely", "beautiful", "brilliant", "enjoyable", "fun", "funny", "charming", "delightful", "moving",
      "fresh", "warm", "witty", "smart", "masterpiece", "perfect", "gorgeous", "entertaining", "engaging", "powerful",
      "amazing", "superb", "touching", "clever", "satisfying", "fascinating", "remarkable", "pleasure", "friendly",
      "quick", "helpful", "recommend", "solid", "nice", "happy", "thoughtful", "compelling", "rich", "well");
  private static final Set<String> NEGATIVE = Set.of("bad", "worst", "awful", "terrible", "boring", "dull", "mess",
      "poor", "waste", "stupid", "tedious", "bland", "predictable", "lame", "ugly", "annoying", "disappointing",
      "disappointed", "pointless", "slow", "long", "flat", "mediocre", "weak", "worse", "fails", "failed", "broken",
      "rude", "hate", "hated", "horrible", "unfunny", "lifeless", "tiresome", "cold", "empty", "forgettable",
      "silly", "incoherent", "nothing", "never", "not", "no", "lacks");

  private Lexicon() {}

  public static void main(String[] args) throws IOException {
    // Without TCP_NODELAY the JDK's server answers a kept-alive caller only after a delayed ACK: 40 ms a request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "5000"));
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 128);
    server.setExecutor(Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors() * 2));
    server.createContext("/ping", ex -> reply(ex, 200, "text/plain", "pong"));
    server.createContext("/api/sentiment", Lexicon::classify);
    server.start();
    System.out.println("lexicon sentiment service on :" + port);
  }

  private static void classify(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      reply(ex, 405, "application/json", "{\"error\": \"POST a JSON document\"}");
      return;
    }
    String body = new String(ex.getRequestBody().readNBytes(1 << 20), StandardCharsets.UTF_8);
    String text = textOf(body);
    if (text == null || text.isBlank()) {
      reply(ex, 400, "application/json", "{\"error\": \"expected {\\\"document\\\": {\\\"text\\\": \\\"...\\\"}}\"}");
      return;
    }
    int score = 0;
    int hits = 0;
    for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
      if (POSITIVE.contains(word)) {
        score++;
        hits++;
      } else if (NEGATIVE.contains(word)) {
        score--;
        hits++;
      }
    }
    reply(ex, 200, "application/json", "{\"prediction\": {\"sentiment\": \"" + (score >= 0 ? "POS" : "NEG")
        + "\", \"hits\": " + hits + "}}");
  }

  /** The string value of the first "text" key: enough JSON for this API without a library. */
  static String textOf(String json) {
    int key = json.indexOf("\"text\"");
    int open = key < 0 ? -1 : json.indexOf('"', json.indexOf(':', key) + 1);
    if (open < 0) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (int i = open + 1; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\' && i + 1 < json.length()) {
        char e = json.charAt(++i);
        switch (e) {
          case 'n', 't', 'r', 'b', 'f' -> out.append(' ');
          case 'u' -> {
            if (i + 4 >= json.length()) {
              return null;
            }
            out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
            i += 4;
          }
          default -> out.append(e);
        }
      } else {
        out.append(c);
      }
    }
    return null;
  }

  private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
