package dev.vtstatus.client.internal.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtstatus.protocol.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link AdaptiveStrategy} learned, as a small JSON file, so a new process does not start
 * cold: {@code {"version": 1, "durations_s": [...], "pairs": {"en->es": [...]}, "estimate_errors":
 * [...]}}, each list oldest first. Writes go to a temporary file moved into place, so a reader never
 * sees half a file. Stateless.
 */
final class LearnedFile {
  static final int VERSION = 1;
  private static final ObjectMapper MAPPER = Json.mapper();

  private LearnedFile() {}

  /** Writes the model and noise samples to {@code file}. */
  static void write(Path file, DurationModel model, NoiseModel noise) {
    ObjectNode root = MAPPER.createObjectNode().put("version", VERSION);
    ObjectNode pairs = MAPPER.createObjectNode();
    model.durations().forEach((pair, values) -> {
      ArrayNode list = pair == null ? root.putArray("durations_s") : pairs.putArray(pair);
      for (double v : values) {
        list.add(v);
      }
    });
    root.set("pairs", pairs);
    ArrayNode errors = root.putArray("estimate_errors");
    for (double e : noise.errors()) {
      errors.add(e);
    }
    try {
      Path absolute = file.toAbsolutePath();
      Files.createDirectories(absolute.getParent());
      Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
      MAPPER.writeValue(temp.toFile(), root);
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the learned durations to " + file, e);
    }
  }

  /**
   * Adds what {@code file} holds to the models; a missing file adds nothing.
   *
   * @throws IllegalArgumentException naming the file when it is not such a file
   */
  static void read(Path file, DurationModel model, NoiseModel noise) {
    if (!Files.exists(file)) {
      return;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("learned durations file " + file + " is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || root.path("version").asInt() != VERSION) {
      throw new IllegalArgumentException(
          "learned durations file " + file + " is not a version " + VERSION + " file of vtstatus");
    }
    Map<String, double[]> pairs = new LinkedHashMap<>();
    root.path("pairs").properties().forEach(e -> pairs.put(e.getKey(), numbers(e.getValue())));
    model.restore(numbers(root.path("durations_s")), pairs);
    for (double e : numbers(root.path("estimate_errors"))) {
      noise.add(e);
    }
  }

  private static double[] numbers(JsonNode list) {
    if (!list.isArray()) {
      return new double[0];
    }
    double[] out = new double[list.size()];
    int n = 0;
    for (JsonNode v : list) {
      if (v.isNumber()) {
        out[n++] = v.asDouble();
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
