package dev.servescope.inference.classify;

import dev.servescope.inference.json.Json;
import dev.servescope.inference.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BERT's tokenizer in plain Java: the {@code BertNormalizer}, {@code BertPreTokenizer}, {@code WordPiece} model and
 * {@code [CLS] text [SEP]} template of a HuggingFace {@code tokenizer.json}, with its special tokens matched in the raw
 * text. It gives the ids HuggingFace's tokenizers library gives (TokenizeTest compares them on thousands of texts)
 * without a native library or a call across JNI: a sentence takes microseconds.
 *
 * <p>Only tokenizer files made of exactly these parts load ({@link #load} is empty otherwise); anything else goes to
 * the native tokenizer. Character classes come from Java's Unicode tables, which may differ from the library's on
 * characters assigned in newer Unicode versions.
 */
public final class WordPiece {
  private final Map<String, Integer> vocab;
  private final Map<String, Integer> special;
  private final int unk;
  private final int cls;
  private final int sep;
  private final String prefix;
  private final int maxWordChars;
  private final boolean cleanText;
  private final boolean chineseChars;
  private final boolean stripAccents;
  private final boolean lowercase;
  private final int maxTokens;

  /**
   * The WordPiece model proper: its vocabulary, the unknown token, how a word's later pieces are marked, and the
   * longest word it splits.
   */
  record Model(Map<String, Integer> vocab, int unk, String prefix, int maxWordChars) {}

  /** What HuggingFace's BertNormalizer does to text, as the tokenizer file configures it. */
  record BertNormalizer(boolean cleanText, boolean chineseChars, boolean stripAccents, boolean lowercase) {}

  /**
   * @param special tokens matched in the raw text, such as {@code [MASK]}, by their ids
   * @param cls the id put first, {@code [CLS]}
   * @param sep the id put last, {@code [SEP]}
   */
  WordPiece(Model model, BertNormalizer norm, Map<String, Integer> special, int cls, int sep, int maxTokens) {
    this.vocab = model.vocab();
    this.unk = model.unk();
    this.prefix = model.prefix();
    this.maxWordChars = model.maxWordChars();
    this.special = special;
    this.cls = cls;
    this.sep = sep;
    this.cleanText = norm.cleanText();
    this.chineseChars = norm.chineseChars();
    this.stripAccents = norm.stripAccents();
    this.lowercase = norm.lowercase();
    this.maxTokens = maxTokens;
  }

  /**
   * One encoded text.
   *
   * @param ids token ids, {@code [CLS]} and {@code [SEP]} included
   * @param truncated whether the text had more tokens than fit
   */
  public record Encoding(long[] ids, boolean truncated) {}

  /**
   * The tokenizer a {@code tokenizer.json} describes, if it is one this class reproduces exactly: from the prepared
   * {@code tokenizer.wordpiece} beside it when one was made from this very file ({@link #prepare}), else from the JSON.
   *
   * @param maxTokens the most ids an encoding holds, special tokens included
   */
  public static Optional<WordPiece> load(Path tokenizerJson, int maxTokens) throws IOException {
    Optional<WordPiece> prepared = PreparedWordPiece.read(tokenizerJson, maxTokens);
    if (prepared.isPresent()) {
      return prepared;
    }
    return parse(tokenizerJson, maxTokens);
  }

  /**
   * Writes {@code tokenizer.wordpiece} beside a {@code tokenizer.json} that this class reads, which {@link #load}
   * then prefers while the JSON is unchanged: image builds do this so that a start skips parsing the JSON.
   *
   * @return the file written; empty when this tokenizer is not one this class reads
   */
  public static Optional<Path> prepare(Path tokenizerJson) throws IOException {
    return PreparedWordPiece.write(tokenizerJson);
  }

  /** The tokenizer {@code tokenizer.json} describes, read from that file alone. */
  static Optional<WordPiece> parse(Path tokenizerJson, int maxTokens) throws IOException {
    try (InputStream in = Files.newInputStream(tokenizerJson)) {
      return of(JsonObject.of(Json.read(in)), maxTokens);
    }
  }

  static Optional<WordPiece> of(JsonObject t, int maxTokens) {
    JsonObject model = t.object("model");
    JsonObject norm = t.object("normalizer");
    if (!model.string("type", "").equals("WordPiece") || !norm.string("type", "").equals("BertNormalizer")
        || !t.object("pre_tokenizer").string("type", "").equals("BertPreTokenizer") || maxTokens < 2) {
      return Optional.empty();
    }
    Map<String, Integer> vocab = new HashMap<>();
    for (Map.Entry<String, Object> e : model.object("vocab").fields().entrySet()) {
      if (!(e.getValue() instanceof Integer id)) {
        return Optional.empty();
      }
      vocab.put(e.getKey(), id);
    }
    Map<String, Integer> special = new HashMap<>();
    for (Object o : t.list("added_tokens")) {
      JsonObject a = JsonObject.of(o);
      // Tokens matched on normalized text, or only as whole words, or eating the spaces around them: not done here.
      if (a.bool("normalized", true) || a.bool("single_word", false) || a.bool("lstrip", false)
          || a.bool("rstrip", false) || !(a.get("content") instanceof String content)
          || !(a.get("id") instanceof Integer id)) {
        return Optional.empty();
      }
      special.put(content, id);
    }
    Integer unk = vocab.get(model.string("unk_token", ""));
    Optional<int[]> template = template(t.object("post_processor"), vocab);
    if (unk == null || template.isEmpty()) {
      return Optional.empty();
    }
    boolean lowercase = norm.bool("lowercase", true);
    Object strip = norm.get("strip_accents");
    Model pieces = new Model(Map.copyOf(vocab), unk, model.string("continuing_subword_prefix", "##"),
        model.integer("max_input_chars_per_word", 100));
    BertNormalizer normalizer = new BertNormalizer(norm.bool("clean_text", true),
        norm.bool("handle_chinese_chars", true), strip instanceof Boolean b ? b : lowercase, lowercase);
    return Optional.of(new WordPiece(pieces, normalizer, Map.copyOf(special), template.get()[0], template.get()[1],
        maxTokens));
  }

  /** The ids of {@code [CLS]} and {@code [SEP]} from a template of exactly {@code [CLS] $A [SEP]}; else empty. */
  private static Optional<int[]> template(JsonObject post, Map<String, Integer> vocab) {
    String type = post.string("type", "");
    if (type.equals("BertProcessing")) {
      Object cls = at(post.list("cls"), 1);
      Object sep = at(post.list("sep"), 1);
      return cls instanceof Integer c && sep instanceof Integer s ? Optional.of(new int[] {c, s}) : Optional.empty();
    }
    List<Object> single = post.list("single");
    if (!type.equals("TemplateProcessing") || single.size() != 3
        || !JsonObject.of(single.get(1)).object("Sequence").string("id", "").equals("A")) {
      return Optional.empty();
    }
    JsonObject first = JsonObject.of(single.get(0)).object("SpecialToken");
    JsonObject last = JsonObject.of(single.get(2)).object("SpecialToken");
    JsonObject specials = post.object("special_tokens");
    Integer c = specialId(specials, first.string("id", ""), vocab);
    Integer s = specialId(specials, last.string("id", ""), vocab);
    if (c == null || s == null || first.integer("type_id", 0) != 0 || last.integer("type_id", 0) != 0) {
      return Optional.empty();
    }
    return Optional.of(new int[] {c, s});
  }

  /** A template's special token: its own first id when the template gives one, else the vocabulary's. */
  private static Integer specialId(JsonObject specials, String token, Map<String, Integer> vocab) {
    return at(specials.object(token).list("ids"), 0) instanceof Integer id ? id : vocab.get(token);
  }

  private static Object at(List<Object> list, int index) {
    return index < list.size() ? list.get(index) : null;
  }

  Model model() {
    return new Model(vocab, unk, prefix, maxWordChars);
  }

  BertNormalizer normalizer() {
    return new BertNormalizer(cleanText, chineseChars, stripAccents, lowercase);
  }

  Map<String, Integer> special() {
    return special;
  }

  int cls() {
    return cls;
  }

  int sep() {
    return sep;
  }

  /** The ids of one text, cut to the most that fit. */
  public Encoding encode(String text) {
    List<Integer> ids = new ArrayList<>();
    int start = 0;
    // Special tokens are found in the raw text, before anything is normalized.
    while (start < text.length()) {
      int at = text.length();
      String found = null;
      for (String s : special.keySet()) {
        int i = text.indexOf(s, start);
        if (i >= 0 && (i < at || i == at && found != null && s.length() > found.length())) {
          at = i;
          found = s;
        }
      }
      words(normalize(text.substring(start, at)), ids);
      if (found == null) {
        break;
      }
      ids.add(special.get(found));
      start = at + found.length();
    }
    int room = maxTokens - 2;
    boolean truncated = ids.size() > room;
    int n = Math.min(ids.size(), room);
    long[] out = new long[n + 2];
    out[0] = cls;
    for (int i = 0; i < n; i++) {
      out[i + 1] = ids.get(i);
    }
    out[n + 1] = sep;
    return new Encoding(out, truncated);
  }

  /** The BertNormalizer: clean, pad CJK characters, strip accents, lowercase, in that order. */
  String normalize(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (cleanText) {
        if (c == 0 || c == 0xFFFD || isControl(c)) {
          continue;
        }
        if (isWhitespace(c)) {
          c = ' ';
        }
      }
      if (chineseChars && isChinese(c)) {
        b.append(' ').appendCodePoint(c).append(' ');
      } else {
        b.appendCodePoint(c);
      }
    }
    String out = b.toString();
    if (stripAccents) {
      String nfd = Normalizer.normalize(out, Normalizer.Form.NFD);
      StringBuilder kept = new StringBuilder(nfd.length());
      for (int i = 0; i < nfd.length(); ) {
        int c = nfd.codePointAt(i);
        i += Character.charCount(c);
        if (Character.getType(c) != Character.NON_SPACING_MARK) {
          kept.appendCodePoint(c);
        }
      }
      out = kept.toString();
    }
    return lowercase ? lower(out) : out;
  }

  /** Each character's own full lowercase mapping, as the library does it: no context (a final sigma stays σ). */
  private static String lower(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c == 0x130) {
        b.append("i\u0307");
      } else {
        b.appendCodePoint(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  /** The BertPreTokenizer's words (white space dropped, each punctuation character a word) through WordPiece. */
  private void words(String s, List<Integer> ids) {
    int wordStart = -1;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      int next = i + Character.charCount(c);
      if (isWhitespace(c) || isPunctuation(c)) {
        if (wordStart >= 0) {
          pieces(s.substring(wordStart, i), ids);
          wordStart = -1;
        }
        if (!isWhitespace(c)) {
          pieces(s.substring(i, next), ids);
        }
      } else if (wordStart < 0) {
        wordStart = i;
      }
      i = next;
    }
    if (wordStart >= 0) {
      pieces(s.substring(wordStart), ids);
    }
  }

  /** Greedy longest-match-first over the vocabulary; a word with a part that matches nothing is one unknown token. */
  private void pieces(String word, List<Integer> ids) {
    if (word.codePointCount(0, word.length()) > maxWordChars) {
      ids.add(unk);
      return;
    }
    int mark = ids.size();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      Integer id = null;
      while (end > start) {
        String piece = start == 0 ? word.substring(start, end) : prefix + word.substring(start, end);
        id = vocab.get(piece);
        if (id != null) {
          break;
        }
        end = word.offsetByCodePoints(end, -1);
      }
      if (id == null) {
        ids.subList(mark, ids.size()).clear();
        ids.add(unk);
        return;
      }
      ids.add(id);
      start = end;
    }
  }

  /** Control characters count as removable, except tab, newline and carriage return (white space). */
  static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
        || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
  }

  /** Tab, newline, carriage return and Unicode's white space (no-break spaces included). */
  static boolean isWhitespace(int c) {
    return c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || Character.isSpaceChar(c);
  }

  /** ASCII punctuation (symbols such as $ and ^ too) and Unicode's punctuation classes. */
  static boolean isPunctuation(int c) {
    if (c < 128) {
      return c > 32 && c < 127 && !Character.isLetterOrDigit(c);
    }
    int type = Character.getType(c);
    return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
        || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
        || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
        || type == Character.OTHER_PUNCTUATION;
  }

  /** The CJK ideograph blocks BERT pads with spaces. */
  static boolean isChinese(int c) {
    return c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF || c >= 0x20000 && c <= 0x2A6DF
        || c >= 0x2A700 && c <= 0x2B73F || c >= 0x2B740 && c <= 0x2B81F || c >= 0x2B920 && c <= 0x2CEAF
        || c >= 0xF900 && c <= 0xFAFF || c >= 0x2F800 && c <= 0x2FA1F;
  }
}
