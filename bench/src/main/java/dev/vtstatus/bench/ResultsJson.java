package dev.vtstatus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link BenchResults} as {@code results.json}: {@code {"config": {...}, "server": ...,
 * "strategies": [...], "targets": [...]}}, snake_case, times in ms, a missing figure as null.
 * Stateless and thread-safe.
 */
public final class ResultsJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The baselines each strategy's figures are also given as a ratio to, when they ran. */
  static final java.util.List<String> BASELINES = java.util.List.of("fixed:1s", "seed");

  private ResultsJson() {}

  /** Returns the results as a JSON tree. */
  public static ObjectNode toTree(BenchResults results) {
    ObjectNode root = MAPPER.createObjectNode();
    root.set("config", config(results.config()));
    root.put("server", results.server());
    ArrayNode strategies = root.putArray("strategies");
    for (StrategyResult s : results.strategies()) {
      ObjectNode node = strategy(s);
      ObjectNode ratios = node.putObject("vs_baselines");
      for (String baseline : BASELINES) {
        results.strategy(baseline).ifPresent(b -> {
          ObjectNode ratio = ratios.putObject(baseline);
          number(ratio, "requests_per_job", s.requestsPerJob() / b.requestsPerJob());
          number(ratio, "p95", s.detectionLatency().p95() / b.detectionLatency().p95());
        });
      }
      strategies.add(node);
    }
    ArrayNode targets = root.putArray("targets");
    for (TargetResult t : results.targets()) {
      ObjectNode node = targets.addObject();
      node.put("name", t.name());
      node.put("met", t.met());
      number(node, "value", t.value());
      number(node, "limit", t.limit());
    }
    return root;
  }

  /**
   * Writes the results to {@code file}, creating its directory.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public static void write(BenchResults results, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      MAPPER.writeValue(file.toFile(), toTree(results));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static ObjectNode config(BenchConfig c) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("url", c.urls().isEmpty() ? null
        : String.join(",", c.urls().stream().map(URI::toString).toList()));
    ArrayNode names = node.putArray("strategies");
    c.strategies().forEach(names::add);
    node.put("jobs", c.jobs());
    node.put("min_delay_ms", c.minDelay().toMillis());
    node.put("max_delay_ms", c.maxDelay().toMillis());
    node.put("error_probability", c.errorProbability());
    node.put("seed", c.seed());
    node.put("scale", c.scale());
    node.put("compression", c.compression());
    node.put("long_poll_wait_ms", c.longPollWait().toMillis());
    node.put("wait_timeout_ms", c.waitTimeout().toMillis());
    node.put("seed_protocol_comparison", c.seedProtocolComparison());
    node.put("out", c.out().toString());
    return node;
  }

  private static ObjectNode strategy(StrategyResult s) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", s.name());
    node.put("jobs", s.jobs());
    number(node, "requests_per_job", s.requestsPerJob());
    ObjectNode latency = node.putObject("detection_latency_ms");
    number(latency, "p50", s.detectionLatency().p50());
    number(latency, "p95", s.detectionLatency().p95());
    number(latency, "p99", s.detectionLatency().p99());
    number(latency, "max", s.detectionLatency().max());
    node.put("timeouts", s.timeouts());
    node.put("wrong_outcomes", s.wrongOutcomes());
    node.put("client_cpu_ms", s.clientCpuMs());
    node.put("peak_threads", s.peakThreads());
    number(node, "peak_heap_mb", s.peakHeapMb());
    number(node, "peak_heap_after_gc_mb", s.peakHeapAfterGcMb());
    node.put("requests_source", s.requestsSource());
    node.put("failures", s.failures());
    node.put("process_cpu_ms", s.processCpuMs());
    node.put("peak_jvm_threads", s.peakJvmThreads());
    if (s.openConnections() >= 0) {
      node.put("open_connections", s.openConnections());
    }
    node.put("peak_pending", s.peakPending());
    number(node, "mean_job_ms", s.meanJobMs());
    node.put("wall_ms", s.wallMs());
    node.put("channel", s.channel());
    if (s.error() != null) {
      node.put("error", s.error());
    }
    return node;
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      node.putNull(field);
    } else {
      node.put(field, Math.round(value * 1000.0) / 1000.0);
    }
  }
}
