package dev.servescope.inference.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HashMap;
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
    // One decode of the whole file and no String per vocabulary line, where a list of lines and a copy of the map
    // took a third longer in a cold JVM (Java 25, C1 only, one CPU: 88-101 against 124-133 ms).
    String text = Files.readString(file, StandardCharsets.UTF_8);
    try {
      return parse(new Lines(text), tokenizerJson, maxTokens);
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

  /** The file's lines, one at a time, each ended by a line feed (a carriage return before it is dropped). */
  private static final class Lines {
    private final String text;
    private int start;
    private int end;
    private int following;
    /** The current line's number, from 1; 0 before the first. */
    int number;

    Lines(String text) {
      this.text = text;
    }

    /** Moves to the next line; false at the end of the text. */
    boolean next() {
      if (following >= text.length()) {
        return false;
      }
      start = following;
      int nl = text.indexOf('\n', start);
      int after = nl < 0 ? text.length() : nl;
      end = after > start && text.charAt(after - 1) == '\r' ? after - 1 : after;
      following = after + 1;
      number++;
      return true;
    }

    String line() {
      return text.substring(start, end);
    }

    /** Where the line's first tab is, from its start; -1 when it has none. */
    int tab() {
      int tab = text.indexOf('\t', start);
      return tab >= 0 && tab < end ? tab - start : -1;
    }

    /** The rest of the line from {@code offset}. */
    String from(int offset) {
      return text.substring(start + offset, end);
    }

    /** The decimal number that is the line's first {@code length} characters, without making a String of it. */
    int leadingNumber(int length) throws BadLine {
      boolean digits = length >= 1 && length <= 9;
      int n = 0;
      for (int i = start; digits && i < start + length; i++) {
        char c = text.charAt(i);
        digits = c >= '0' && c <= '9';
        n = n * 10 + (c - '0');
      }
      if (!digits) {
        throw new BadLine(number, "expected a number, found '" + text.substring(start, start + length) + "'");
      }
      return n;
    }
  }

  private static Optional<WordPiece> parse(Lines lines, Path tokenizerJson, int maxTokens) throws BadLine {
    if (!lines.next() || !lines.line().equals(MAGIC)) {
      throw new BadLine(1, "not a prepared tokenizer (" + MAGIC + ")");
    }
    Map<String, String> settings = new HashMap<>();
    Map<String, Integer> special = new HashMap<>();
    String vocabLine = null;
    while (vocabLine == null) {
      if (!lines.next()) {
        throw new BadLine(lines.number, "no vocab line");
      }
      String l = lines.line();
      int space = l.indexOf(' ');
      if (l.startsWith("vocab ")) {
        vocabLine = l;
      } else if (space < 0) {
        throw new BadLine(lines.number, "expected 'key value'");
      } else if (l.startsWith("special ")) {
        int tab = l.indexOf('\t');
        special.put(l.substring(tab + 1), number(l.substring(space + 1, Math.max(space + 1, tab)), lines.number));
      } else {
        settings.put(l.substring(0, space), l.substring(space + 1));
      }
    }
    int at = lines.number;
    if (!matchesSource(settings, tokenizerJson, at)) {
      return Optional.empty();
    }
    int size = number(vocabLine.substring("vocab ".length()), at);
    if (size < 0) {
      throw new BadLine(at, "a vocabulary of " + size + " tokens");
    }
    // Sized for the count the file states, within reason: a damaged count must not allocate a huge table.
    Map<String, Integer> vocab = new HashMap<>(Math.min(size, 1 << 17) * 4 / 3 + 1);
    int read = 0;
    while (lines.next()) {
      int tab = lines.tab();
      if (tab < 1) {
        throw new BadLine(lines.number, "expected 'ID<tab>TOKEN'");
      }
      vocab.put(lines.from(tab + 1), lines.leadingNumber(tab));
      read++;
    }
    if (read != size) {
      throw new BadLine(at, "vocab of " + size + " tokens, but " + read + " lines follow");
    }
    WordPiece.Model model = new WordPiece.Model(Collections.unmodifiableMap(vocab), number(setting(settings, "unk",
        at), at), setting(settings, "prefix", at), number(setting(settings, "max_word_chars", at), at));
    WordPiece.BertNormalizer norm = new WordPiece.BertNormalizer(flag(settings, "clean_text", at),
        flag(settings, "chinese_chars", at), flag(settings, "strip_accents", at), flag(settings, "lowercase", at));
    return Optional.of(new WordPiece(model, norm, Map.copyOf(special), number(setting(settings, "cls", at), at),
        number(setting(settings, "sep", at), at), maxTokens));
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

  private static int number(String s, int line) throws BadLine {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new BadLine(line, "expected a number, found '" + s + "'");
    }
  }
}
