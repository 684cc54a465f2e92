package dev.servescope.inference.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a labelled TSV: a header row, a column named {@code label} holding 0 or 1, and one other column holding the
 * text (SST-2's {@code train.tsv} and {@code dev.tsv} have this shape). UTF-8, with or without a byte-order mark;
 * Windows line ends are fine. Every error names the file and the line.
 */
public final class TsvDataset {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private TsvDataset() {}

  /**
   * @throws IOException with the file and line number when the file is missing or a row is malformed
   */
  public static List<LabeledText> read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException("data file not found: " + file, e);
    }
    List<String> lines = lines(file, bytes);
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new IOException(file + " is empty: expected a header row with a 'label' column");
    }
    String header = lines.get(0);
    String[] names = header.split("\t", -1);
    int labelCol = -1;
    for (int i = 0; i < names.length; i++) {
      if (names[i].strip().equals("label")) {
        labelCol = i;
      }
    }
    if (labelCol < 0 || names.length != 2) {
      throw new IOException(file + ":1: header must have two tab-separated columns, one named 'label'; found '"
          + header + "'");
    }
    int textCol = 1 - labelCol;
    int last = lines.size();
    while (last > 1 && lines.get(last - 1).isBlank()) {
      last--; // blank lines at the end are an editor's, not a row
    }
    List<LabeledText> out = new ArrayList<>();
    for (int i = 1; i < last; i++) {
      String where = file + ":" + (i + 1) + ": ";
      String line = lines.get(i);
      if (line.isBlank()) {
        throw new IOException(where + "blank row; every row needs a label and a text");
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != 2) {
        throw new IOException(where + "expected 2 tab-separated columns, found " + cells.length);
      }
      String label = cells[labelCol].strip();
      if (!label.equals("0") && !label.equals("1")) {
        throw new IOException(where + "label must be 0 or 1, found '" + label + "'");
      }
      out.add(new LabeledText(cells[textCol], Integer.parseInt(label)));
    }
    if (out.isEmpty()) {
      throw new IOException(file + " has a header but no examples");
    }
    return out;
  }

  /** The file's lines, each decoded strictly; a final line end adds no empty line. */
  private static List<String> lines(Path file, byte[] bytes) throws IOException {
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    int start = startsWithBom(bytes) ? BOM.length : 0;
    List<String> lines = new ArrayList<>();
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      int stop = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
      try {
        lines.add(utf8.decode(ByteBuffer.wrap(bytes, start, stop - start)).toString());
      } catch (CharacterCodingException e) {
        throw new IOException(file + ":" + (lines.size() + 1) + ": not valid UTF-8 (save the file as UTF-8)", e);
      }
      start = end + 1;
    }
    return lines;
  }

  private static boolean startsWithBom(byte[] bytes) {
    return bytes.length >= BOM.length && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
  }
}
