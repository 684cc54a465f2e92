package dev.servescope.app.ladder.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits a ladder file in place, as text, so that its comments and layout stay: a rung is added at the end of the
 * {@code rungs:} list or removed with its budget. Every edit is checked by reading the file again; an edit that would
 * leave it invalid is undone and says why.
 */
public final class LadderFileEditor {
  private static final Pattern TOP_KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*\\s*:.*");
  private static final Pattern ITEM = Pattern.compile("^(\\s*)- .*");

  private LadderFileEditor() {}

  /**
   * Copies a ladder file (the built-in one) to {@code target} as a ladder of your own, named {@code my-ladder}, with
   * its rungs and budgets as they are, so that rungs can be added to it.
   *
   * @return the copy as it reads
   * @throws IOException when either file cannot be read or written
   */
  public static LadderFile copyAsYourOwn(Path source, Path target) throws IOException {
    String text = Files.readString(source).replaceFirst("(?m)^ladder: .*$", "ladder: my-ladder");
    Files.writeString(target, "# Made from ServeScope's built-in ladder; add your own rungs below.\n" + text);
    return LadderFiles.read(target);
  }

  /**
   * Adds a rung at the end of the file's rungs.
   *
   * @return the ladder as it now reads
   * @throws LadderFileException when the draft has problems or the file cannot take it (it is then unchanged)
   */
  public static LadderFile addRung(LadderFile ladder, RungDraft draft) {
    List<String> problems = draft.problems(ladder);
    if (!problems.isEmpty()) {
      throw new LadderFileException(String.join("; ", problems));
    }
    return edit(ladder.source(), lines -> {
      int rungs = topKey(lines, "rungs");
      int end = sectionEnd(lines, rungs);
      String indent = "  ";
      for (int i = rungs + 1; i < end; i++) {
        Matcher m = ITEM.matcher(lines.get(i));
        if (m.matches()) {
          indent = m.group(1);
          break;
        }
      }
      lines.addAll(end, draft.toYaml(indent).lines().toList());
    });
  }

  /**
   * Removes a rung, and its budget if it has one.
   *
   * @throws LadderFileException when the rung is the reference, or the file cannot lose it (it is then unchanged)
   */
  public static LadderFile removeRung(LadderFile ladder, String id) {
    if (id.equals(ladder.reference())) {
      throw new LadderFileException("'" + id + "' is the ladder's reference: name another 'reference:' first");
    }
    if (ladder.rungs().size() == 1) {
      throw new LadderFileException("'" + id + "' is the ladder's only rung");
    }
    return edit(ladder.source(), lines -> {
      removeBlock(lines, topKey(lines, "rungs"), Pattern.compile("^(\\s*)-\\s+id:\\s*['\"]?" + Pattern.quote(id)
          + "['\"]?\\s*(#.*)?$"), true);
      int budgets = topKeyOrMinusOne(lines, "budgets");
      if (budgets >= 0) {
        removeBlock(lines, budgets, Pattern.compile("^(\\s+)['\"]?" + Pattern.quote(id) + "['\"]?\\s*:.*"),
            false);
      }
    });
  }

  private interface Change {
    void apply(List<String> lines);
  }

  private static LadderFile edit(Path file, Change change) {
    if (file == null) {
      throw new LadderFileException("this ladder is not from a file: save it as one first");
    }
    String before;
    try {
      before = Files.readString(file);
    } catch (IOException e) {
      throw new LadderFileException(file + ": cannot read the ladder file: " + e.getMessage());
    }
    List<String> lines = new ArrayList<>(before.lines().toList());
    change.apply(lines);
    try {
      Files.writeString(file, String.join("\n", lines) + "\n");
      return LadderFiles.read(file);
    } catch (LadderFileException e) {
      restore(file, before);
      throw new LadderFileException("the edit was undone: " + e.getMessage());
    } catch (IOException e) {
      restore(file, before);
      throw new LadderFileException(file + ": cannot write the ladder file: " + e.getMessage());
    }
  }

  private static void restore(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new LadderFileException(file + ": cannot undo an edit: " + e.getMessage());
    }
  }

  private static int topKey(List<String> lines, String key) {
    int i = topKeyOrMinusOne(lines, key);
    if (i < 0) {
      throw new LadderFileException("the file has no top-level '" + key + ":'");
    }
    if (!lines.get(i).replaceFirst("#.*", "").strip().equals(key + ":")) {
      throw new LadderFileException("'" + key + ":' is written on one line (flow style): edit the file by hand");
    }
    return i;
  }

  private static int topKeyOrMinusOne(List<String> lines, String key) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(key + ":")) {
        return i;
      }
    }
    return -1;
  }

  /** The line after a top-level section's last line of content (trailing blank lines and comments stay outside). */
  private static int sectionEnd(List<String> lines, int key) {
    int end = lines.size();
    for (int i = key + 1; i < lines.size(); i++) {
      if (TOP_KEY.matcher(lines.get(i)).matches()) {
        end = i;
        break;
      }
    }
    while (end > key + 1 && (lines.get(end - 1).isBlank() || lines.get(end - 1).startsWith("#"))) {
      end--;
    }
    return end;
  }

  /**
   * Removes, inside a section, the entry whose first line matches {@code first}, down to the next line indented as
   * little (a list's next item, a map's next key) or the section's end.
   */
  private static void removeBlock(List<String> lines, int key, Pattern first, boolean listItem) {
    int end = sectionEnd(lines, key);
    for (int i = key + 1; i < end; i++) {
      Matcher m = first.matcher(lines.get(i));
      if (m.matches()) {
        int indent = m.group(1).length();
        int j = i + 1;
        while (j < end && (lines.get(j).isBlank() || indentOf(lines.get(j)) > indent
            || listItem && indentOf(lines.get(j)) == indent && !lines.get(j).strip().startsWith("-"))) {
          j++;
        }
        lines.subList(i, j).clear();
        return;
      }
    }
    if (listItem) {
      throw new LadderFileException("cannot find the rung in the file as '- id: ...': edit the file by hand");
    }
  }

  private static int indentOf(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }
}
