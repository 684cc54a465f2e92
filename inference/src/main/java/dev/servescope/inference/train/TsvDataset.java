package dev.servescope.inference.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a labelled TSV: a header row, a column named {@code label} holding 0 or 1, and one other column holding the
 * text (SST-2's {@code train.tsv} and {@code dev.tsv} have this shape).
 */
public final class TsvDataset {
  private TsvDataset() {}

  /**
   * @throws IOException with the file and line number when the file is missing or a row is malformed
   */
  public static List<LabeledText> read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new IOException(file + " is empty");
      }
      String[] names = header.split("\t", -1);
      int labelCol = -1;
      for (int i = 0; i < names.length; i++) {
        if (names[i].strip().equals("label")) {
          labelCol = i;
        }
      }
      if (labelCol < 0 || names.length != 2) {
        throw new IOException(file + ": header must have two tab-separated columns, one named 'label'; found '"
            + header + "'");
      }
      int textCol = 1 - labelCol;
      List<LabeledText> out = new ArrayList<>();
      String line;
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (cells.length != 2) {
          throw new IOException(file + ":" + lineNo + ": expected 2 columns, found " + cells.length);
        }
        String label = cells[labelCol].strip();
        if (!label.equals("0") && !label.equals("1")) {
          throw new IOException(file + ":" + lineNo + ": label must be 0 or 1, found '" + label + "'");
        }
        out.add(new LabeledText(cells[textCol], Integer.parseInt(label)));
      }
      if (out.isEmpty()) {
        throw new IOException(file + " has a header but no examples");
      }
      return out;
    } catch (NoSuchFileException e) {
      throw new IOException("data file not found: " + file, e);
    }
  }
}
