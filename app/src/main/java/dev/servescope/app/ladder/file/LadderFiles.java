package dev.servescope.app.ladder.file;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.servescope.app.ladder.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a ladder file (YAML): unknown keys are rejected, paths are resolved against the file's folder, and every error
 * says {@code file:line:column:} where it is.
 */
public final class LadderFiles {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private LadderFiles() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  private record RawFile(String ladder, String reference, String samples, RawLimits limits, List<RawRung> rungs,
      Map<String, Budget> budgets, Map<String, Double> prices) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  private record RawLimits(Double cpus, Long memoryMb) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  private record RawRung(String id, String builtin, String dockerfile, String context, String image,
      Map<String, String> buildArgs, Map<String, String> env, String lesson, RawProbe probe,
      Map<String, String> labels, List<String> prepare, String downloadsModel) {}

  private record RawProbe(Integer port, String health, String predict, String request, String label,
      String protocol, String model, String input, String output) {}

  /**
   * @throws LadderFileException when the file is missing, not YAML, or breaks a rule; the message says where
   */
  public static LadderFile read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new LadderFileException(file + ": cannot read the ladder file: " + e.getMessage());
    }
    if (text.isBlank()) {
      throw new LadderFileException(file + ":1:1: the file is empty: it needs 'ladder:' and 'rungs:'");
    }
    Positions positions = Positions.parse(text);
    RawFile raw;
    try {
      raw = YAML.readValue(text, RawFile.class);
    } catch (UnrecognizedPropertyException e) {
      throw at(file, positions.at(pointer(e), e.getLocation()), "unknown key '" + e.getPropertyName()
          + "'; known here: " + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
          .toList()));
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof JsonProcessingException syntax) {
        throw at(file, syntax.getLocation(), "not valid YAML: " + oneLine(syntax.getOriginalMessage()));
      }
      throw at(file, positions.at(pointer(e), e.getLocation()), path(e) + shapeMessage(e));
    } catch (JsonProcessingException e) {
      throw at(file, e.getLocation(), "not valid YAML: " + oneLine(e.getOriginalMessage()));
    }
    if (raw == null) {
      throw new LadderFileException(file + ":1:1: the file is empty");
    }
    return new Validation(file, positions).check(raw);
  }

  /** Jackson's "cannot construct instance of LadderFiles$RawProbe" in the file's terms. */
  private static String shapeMessage(JsonMappingException e) {
    String m = e.getOriginalMessage();
    java.util.regex.Matcher text = Pattern.compile("from String value \\('(.*)'\\)").matcher(m);
    if (m.contains("LadderFiles$Raw") && text.find()) {
      return "expected a mapping of keys, found the text '" + text.group(1) + "'"
          + " (if that is a YAML alias: aliases are not supported, write the value out)";
    }
    return m;
  }

  private static String path(JsonMappingException e) {
    String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
        : "[" + r.getIndex() + "]").reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
    return path.isEmpty() ? "" : path + ": ";
  }

  /** SnakeYAML's message without its indented source lines and carets: "while scanning ...: found ...". */
  private static String oneLine(String message) {
    return String.join(": ", message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .toList());
  }

  /** The JSON Pointer of where a mapping error happened, e.g. {@code /rungs/0/probe/port}. */
  private static String pointer(JsonMappingException e) {
    StringBuilder p = new StringBuilder();
    e.getPath().forEach(r -> p.append('/').append(r.getFieldName() != null ? r.getFieldName() : r.getIndex()));
    return p.toString();
  }

  static LadderFileException at(Path file, JsonLocation where, String message) {
    return new LadderFileException(file + ":" + (where == null ? 1 : where.getLineNr()) + ":"
        + (where == null ? 1 : where.getColumnNr()) + ": " + message);
  }

  /** Where each key and value of the file starts, by JSON Pointer ({@code /rungs/1/id}). */
  private static final class Positions {
    private final Map<String, JsonLocation> byPointer = new HashMap<>();

    static Positions parse(String text) {
      Positions p = new Positions();
      try (JsonParser parser = YAML.getFactory().createParser(text)) {
        for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
          // At a key, the context's path already ends in that key: the key's position is recorded first.
          p.byPointer.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
              parser.currentTokenLocation());
        }
      } catch (IOException e) {
        // Read once already: cannot fail here; positions are a courtesy.
      }
      return p;
    }

    /** Where the pointer, or the nearest enclosing part of it, starts. */
    JsonLocation at(String pointer) {
      return at(pointer, null);
    }

    JsonLocation at(String pointer, JsonLocation otherwise) {
      for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
        JsonLocation l = byPointer.get(p);
        if (l != null) {
          return l;
        }
        if (p.isEmpty()) {
          return otherwise;
        }
      }
    }
  }

  /** The rules a ladder file keeps beyond its shape. */
  private static final class Validation {
    private final Path file;
    private final Path dir;
    private final Positions positions;

    Validation(Path file, Positions positions) {
      this.file = file;
      this.dir = file.toAbsolutePath().getParent();
      this.positions = positions;
    }

    private LadderFileException error(String pointer, String message) {
      return at(file, positions.at(pointer), message);
    }

    LadderFile check(RawFile raw) {
      if (raw.ladder() == null || raw.ladder().isBlank()) {
        throw error("", "'ladder:' (the ladder's name) is missing");
      }
      if (raw.rungs() == null || raw.rungs().isEmpty()) {
        throw error("/rungs", "'rungs:' is missing or empty: a ladder needs at least one rung");
      }
      List<RungSpec> rungs = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < raw.rungs().size(); i++) {
        RungSpec rung = rung(raw.rungs().get(i), "/rungs/" + i);
        if (!ids.add(rung.id())) {
          throw error("/rungs/" + i + "/id", "rung id '" + rung.id() + "' is used twice");
        }
        rungs.add(rung);
      }
      String reference = raw.reference() == null ? rungs.get(0).id() : raw.reference();
      if (!ids.contains(reference)) {
        throw error("/reference", "reference '" + reference + "' is not a rung; rungs: " + String.join(", ", ids));
      }
      Path samples = null;
      if (raw.samples() != null) {
        samples = dir.resolve(raw.samples()).normalize();
        if (!Files.isRegularFile(samples)) {
          throw error("/samples", "samples file not found: " + samples);
        }
      }
      Map<String, Budget> budgets = new LinkedHashMap<>(raw.budgets() == null ? Map.of() : raw.budgets());
      for (Map.Entry<String, Budget> b : budgets.entrySet()) {
        String where = "/budgets/" + b.getKey();
        if (!b.getKey().equals(LadderFile.ALL) && !ids.contains(b.getKey())) {
          throw error(where, "budget for '" + b.getKey() + "', which is not a rung (nor 'all')");
        }
        budget(b.getValue(), where);
      }
      return new LadderFile(raw.ladder(), reference, samples, List.copyOf(rungs), budgets, limits(raw.limits()),
          prices(raw.prices()), file);
    }

    private Prices prices(Map<String, Double> raw) {
      try {
        return raw == null ? Prices.NONE : Prices.of(raw);
      } catch (IllegalArgumentException e) {
        throw error("/prices", e.getMessage());
      }
    }

    private Limits limits(RawLimits raw) {
      if (raw == null) {
        return null;
      }
      if (raw.cpus() == null || raw.memoryMb() == null) {
        throw error("/limits", "limits: needs both cpus: and memory_mb:, such as {cpus: 2, memory_mb: 2048}");
      }
      try {
        return new Limits(raw.cpus(), raw.memoryMb() << 20);
      } catch (IllegalArgumentException e) {
        throw error("/limits", e.getMessage());
      }
    }

    private RungSpec rung(RawRung r, String where) {
      if (r.id() == null || !RungSpec.ID.matcher(r.id()).matches()) {
        throw error(where + "/id", "every rung needs an id: letters, digits, '.', '_' or '-', found '" + r.id()
            + "'");
      }
      int sources = (r.builtin() != null ? 1 : 0) + (r.dockerfile() != null ? 1 : 0) + (r.image() != null ? 1 : 0);
      if (sources != 1) {
        throw error(where, "rung '" + r.id() + "' needs exactly one of builtin:, dockerfile: or image:");
      }
      if (r.builtin() != null) {
        try {
          LadderVersion.byId(r.builtin());
        } catch (IllegalArgumentException e) {
          throw error(where + "/builtin", e.getMessage());
        }
        if (r.probe() != null) {
          throw error(where + "/probe", "a built-in rung serves ServeScope's API: it takes no probe");
        }
      }
      Path dockerfile = null;
      Path context = null;
      if (r.dockerfile() != null) {
        dockerfile = dir.resolve(r.dockerfile()).normalize();
        if (!Files.isRegularFile(dockerfile)) {
          throw error(where + "/dockerfile", "Dockerfile not found: " + dockerfile);
        }
        context = r.context() == null ? dockerfile.getParent() : dir.resolve(r.context()).normalize();
        if (!Files.isDirectory(context)) {
          throw error(where + "/context", "build context not found: " + context);
        }
        if (!dockerfile.startsWith(context)) {
          throw error(where + "/dockerfile", "the Dockerfile must be inside its build context " + context);
        }
        if (r.prepare() != null && (r.prepare().isEmpty() || r.prepare().get(0).isBlank())) {
          throw error(where + "/prepare", "prepare: is a command as a list, such as [sh, prepare.sh]");
        }
      } else if (r.context() != null || r.buildArgs() != null || r.prepare() != null) {
        throw error(where, "rung '" + r.id() + "': context:, build_args: and prepare: go with dockerfile:");
      }
      if (r.downloadsModel() != null && (r.builtin() != null || r.downloadsModel().isBlank())) {
        throw error(where + "/downloads_model", r.builtin() != null ? "a built-in rung says itself whether it"
            + " downloads its model" : "downloads_model: names a ServeScope model, such as bge-small-fp32");
      }
      Probe probe = Probe.SERVESCOPE;
      if (r.probe() != null) {
        probe = probe(r.probe(), r.id(), where + "/probe");
      }
      return new RungSpec(r.id(), r.builtin(), dockerfile, context, r.image(), copy(r.buildArgs()), copy(r.env()),
          r.lesson(), probe, copy(r.labels()), r.prepare() == null ? List.of() : List.copyOf(r.prepare()),
          r.downloadsModel());
    }

    private Probe probe(RawProbe p, String rung, String where) {
      Probe probe;
      if (p.protocol() != null) {
        if (!p.protocol().equals(OpenInferenceProbe.PROTOCOL)) {
          throw error(where + "/protocol", "rung '" + rung + "' probe: unknown protocol '" + p.protocol() + "': the"
              + " one known is " + OpenInferenceProbe.PROTOCOL + " (leave protocol: out to write the probe yourself)");
        }
        if (p.health() != null || p.predict() != null || p.request() != null || p.label() != null) {
          throw error(where, "rung '" + rung + "' probe: protocol: " + OpenInferenceProbe.PROTOCOL + " fills in"
              + " health, predict, request and label: leave them out, or leave protocol: out");
        }
        OpenInferenceProbe preset = new OpenInferenceProbe(p.model(), p.port() == null ? Probe.SERVESCOPE.port()
            : p.port(), p.input(), p.output());
        preset.problem().ifPresent(problem -> {
          throw error(where, "rung '" + rung + "' probe: " + problem);
        });
        return preset.probe();
      }
      if (p.model() != null || p.input() != null || p.output() != null) {
        throw error(where, "rung '" + rung + "' probe: model:, input: and output: go with protocol: "
            + OpenInferenceProbe.PROTOCOL);
      }
      probe = Probe.of(p.port(), p.health(), p.predict(), p.request(), p.label());
      probe.problem().ifPresent(problem -> {
        throw error(where, "rung '" + rung + "' probe: " + problem);
      });
      return probe;
    }

    private void budget(Budget b, String where) {
      if (b == null) {
        throw error(where, "an empty budget: give at least one limit, such as {image_mb: 500}");
      }
      for (Double limit : new Double[] {b.imageMb(), b.containerGrowthMb(), b.coldStartMs(), b.p99Ms(),
          b.minThroughput(), b.maxRegressionPct(), b.maxWastedMb(), b.maxColdStartVsFloor(), b.maxTimeToSteadyMs(),
          b.maxCpuMsPerPrediction(), b.maxUsdPerMillion()}) {
        if (limit != null && limit < 0) {
          throw error(where, "limits cannot be negative, found " + limit);
        }
      }
      if (b.minAgreement() != null && (b.minAgreement() < 0 || b.minAgreement() > 1)) {
        throw error(where + "/min_agreement", "min_agreement is a share from 0 to 1, found " + b.minAgreement());
      }
      if (b.minEfficiency() != null && (b.minEfficiency() < 0 || b.minEfficiency() > 1)) {
        throw error(where + "/min_efficiency", "min_efficiency is a share from 0 to 1, found " + b.minEfficiency());
      }
      if (b.minServedEfficiency() != null && (b.minServedEfficiency() < 0 || b.minServedEfficiency() > 1)) {
        throw error(where + "/min_served_efficiency", "min_served_efficiency is a share from 0 to 1, found "
            + b.minServedEfficiency());
      }
      if (b.maxPullMs() != null) {
        for (Map.Entry<String, Double> e : b.maxPullMs().entrySet()) {
          try {
            Bandwidth.parse(e.getKey());
          } catch (IllegalArgumentException bad) {
            throw error(where + "/max_pull_ms", bad.getMessage() + " (max_pull_ms maps a bandwidth to milliseconds,"
                + " such as {1gbit: 20000})");
          }
          if (e.getValue() == null || e.getValue() < 0) {
            throw error(where + "/max_pull_ms", "limits cannot be negative, found " + e.getValue());
          }
        }
      }
    }

    private static Map<String, String> copy(Map<String, String> m) {
      return m == null ? Map.of() : Map.copyOf(m);
    }
  }
}
