package dev.servescope.inference.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WordPiece} tokenizer prepared at build time: {@code tokenizer.wordpiece} beside {@code tokenizer.json},
 * its settings and vocabulary as plain lines, which a cold JVM reads in a fraction of the time it takes to parse the
 * JSON (on one CPU, about 80 ms against 500). It names the size and CRC-32 of the {@code tokenizer.json} it was made
 * from and is used only while they match, so an edited tokenizer is never shadowed by a stale one; a damaged file is
 * skipped with a warning naming its line, and the JSON is read instead.
 *
 * <p>The format, UTF-8: {@value #MAGIC}, then {@code key value} lines ({@code source_bytes}, {@code source_crc32},
 * {@code unk}, {@code cls}, {@code sep}, {@code prefix}, {@code max_word_chars}, {@code clean_text},
 * {@code chinese_chars}, {@code strip_accents}, {@code lowercase}), {@code special ID TOKEN} lines, then
 * {@code vocab N} and N lines of {@code ID TOKEN}, separated by a tab.
 */
final class PreparedWordPiece {
  private static final Logger LOG = LoggerFactory.getLogger(PreparedWordPiece.class);
  static final String MAGIC = "servescope-wordpiece 1";
  static final String FILE_NAME = "tokenizer.wordpiece";

  private PreparedWordPiece() {}

  /** Where the prepared form of a {@code tokenizer.json} lives. */
  static Path fileFor(Path tokenizerJson) {
    Path parent = tokenizerJson.toAbsolutePath().getParent();
    return parent.resolve(FILE_NAME);
  }

  /**
   * Writes the prepared form of a {@code tokenizer.json} beside it, when {@link WordPiece} reads that file and every
   * token fits on a line.
   *
   * @return the file written, or empty when this tokenizer cannot be prepared
   */
  static Optional<Path> write(Path tokenizerJson) throws IOException {
    Optional<WordPiece> parsed = WordPiece.parse(tokenizerJson, Integer.MAX_VALUE);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    WordPiece w = parsed.get();
    StringBuilder b = new StringBuilder(1 << 20);
    byte[] source = Files.readAllBytes(tokenizerJson);
    b.append(MAGIC).append('\n');
    line(b, "source_bytes", source.length);
    line(b, "source_crc32", crc(source));
    WordPiece.Model m = w.model();
    WordPiece.BertNormalizer n = w.normalizer();
    line(b, "unk", m.unk());
    line(b, "cls", w.cls());
    line(b, "sep", w.sep());
    line(b, "prefix", m.prefix());
    line(b, "max_word_chars", m.maxWordChars());
    line(b, "clean_text", n.cleanText());
    line(b, "chinese_chars", n.chineseChars());
    line(b, "strip_accents", n.stripAccents());
    line(b, "lowercase", n.lowercase());
    for (Map.Entry<String, Integer> e : w.special().entrySet()) {
      if (!fits(e.getKey())) {
        return Optional.empty();
      }
      b.append("special ").append(e.getValue()).append('\t').append(e.getKey()).append('\n');
    }
    line(b, "vocab", m.vocab().size());
    for (Map.Entry<String, Integer> e : m.vocab().entrySet()) {
      if (!fits(e.getKey())) {
        return Optional.empty();
      }
      b.append(e.getValue()).append('\t').append(e.getKey()).append('\n');
    }
    Path target = fileFor(tokenizerJson);
    Path tmp = target.resolveSibling(FILE_NAME + ".tmp");
    Files.writeString(tmp, b, StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return Optional.of(target);
  }

  private static boolean fits(String token) {
    return !token.isEmpty() && token.indexOf('\n') < 0 && token.indexOf('\r') < 0 && token.indexOf('\t') < 0;
  }

  private static void line(StringBuilder b, String key, Object value) {
    b.append(key).append(' ').append(value).append('\n');
  }

  private static long crc(byte[] bytes) {
    CRC32 c = new CRC32();
    c.update(bytes);
    return c.getValue();
  }

  /** The prepared tokenizer beside {@code tokenizerJson}, when there is one made from that very file. */
  static Optional<WordPiece> read(Path tokenizerJson, int maxTokens) throws IOException {
    Path file = fileFor(tokenizerJson);
    if (!Files.isRegularFile(file) || maxTokens < 2) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    try {
      return parse(lines, tokenizerJson, maxTokens);
    } catch (BadLine e) {
      LOG.warn("{} line {}: {}; reading {} instead", file, e.line, e.getMessage(), tokenizerJson);
      return Optional.empty();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static final class BadLine extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;

    BadLine(int line, String message) {
      super(message, null, false, false);
      this.line = line;
    }
  }

  private static Optional<WordPiece> parse(List<String> lines, Path tokenizerJson, int maxTokens) throws BadLine {
    if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
      throw new BadLine(1, "not a prepared tokenizer (" + MAGIC + ")");
    }
    Map<String, String> settings = new HashMap<>();
    Map<String, Integer> special = new HashMap<>();
    int i = 1;
    for (; i < lines.size() && !lines.get(i).startsWith("vocab "); i++) {
      String l = lines.get(i);
      int space = l.indexOf(' ');
      if (space < 0) {
        throw new BadLine(i + 1, "expected 'key value'");
      }
      if (l.startsWith("special ")) {
        int tab = l.indexOf('\t');
        special.put(l.substring(tab + 1), number(l.substring(space + 1, Math.max(space + 1, tab)), i));
      } else {
        settings.put(l.substring(0, space), l.substring(space + 1));
      }
    }
    if (!matchesSource(settings, tokenizerJson, i)) {
      return Optional.empty();
    }
    if (i == lines.size()) {
      throw new BadLine(i, "no vocab line");
    }
    int size = number(lines.get(i).substring("vocab ".length()), i);
    if (lines.size() != i + 1 + size) {
      throw new BadLine(i + 1, "vocab of " + size + " tokens, but " + (lines.size() - i - 1) + " lines follow");
    }
    Map<String, Integer> vocab = new HashMap<>(size * 4 / 3 + 1);
    for (int k = i + 1; k < lines.size(); k++) {
      String l = lines.get(k);
      int tab = l.indexOf('\t');
      if (tab < 1) {
        throw new BadLine(k + 1, "expected 'ID<tab>TOKEN'");
      }
      vocab.put(l.substring(tab + 1), number(l.substring(0, tab), k));
    }
    WordPiece.Model model = new WordPiece.Model(Map.copyOf(vocab), number(setting(settings, "unk", i), i),
        setting(settings, "prefix", i), number(setting(settings, "max_word_chars", i), i));
    WordPiece.BertNormalizer norm = new WordPiece.BertNormalizer(flag(settings, "clean_text", i),
        flag(settings, "chinese_chars", i), flag(settings, "strip_accents", i), flag(settings, "lowercase", i));
    return Optional.of(new WordPiece(model, norm, Map.copyOf(special), number(setting(settings, "cls", i), i),
        number(setting(settings, "sep", i), i), maxTokens));
  }

  /** Whether the file was made from this {@code tokenizer.json}: the same size and CRC-32. */
  private static boolean matchesSource(Map<String, String> settings, Path tokenizerJson, int line) throws BadLine {
    try {
      long bytes = Long.parseLong(setting(settings, "source_bytes", line));
      if (Files.size(tokenizerJson) != bytes) {
        return false;
      }
      return crc(Files.readAllBytes(tokenizerJson)) == Long.parseLong(setting(settings, "source_crc32", line));
    } catch (NumberFormatException e) {
      throw new BadLine(line, "source_bytes and source_crc32 must be numbers");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String setting(Map<String, String> settings, String key, int line) throws BadLine {
    String v = settings.get(key);
    if (v == null) {
      throw new BadLine(line, "no '" + key + "' line before the vocabulary");
    }
    return v;
  }

  private static boolean flag(Map<String, String> settings, String key, int line) throws BadLine {
    String v = setting(settings, key, line);
    if (!v.equals("true") && !v.equals("false")) {
      throw new BadLine(line, key + " must be true or false, found " + v);
    }
    return v.equals("true");
  }

  private static int number(String s, int index) throws BadLine {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new BadLine(index + 1, "expected a number, found '" + s + "'");
    }
  }
}
