package dev.vtstatus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkTest {

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

  @Test
  void tinyRunWritesResultsJsonChartAndNoWrongOutcome(@TempDir Path out) throws Exception {
    // Given a tiny run: 10 jobs of 50-150 ms, a baseline, a polling and a push strategy of ours
    BenchConfig config = BenchConfig.builder()
        .jobs(10)
        .minDelay(Duration.ofMillis(50))
        .maxDelay(Duration.ofMillis(150))
        .strategies(List.of("fixed:1s", "adaptive", "events"))
        .seed(7L)
        .warmup(false)
        .out(out)
        .build();
    Benchmark benchmark = Benchmark.create(config);

    // When it runs and writes its files
    BenchResults results = benchmark.run();
    benchmark.write(results);

    // Then results.json has the documented shape, one entry per strategy run
    JsonNode root = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(root.path("config").path("jobs").asInt()).isEqualTo(10);
    assertThat(root.path("config").path("min_delay_ms").asLong()).isEqualTo(50);
    List<String> names = new ArrayList<>();
    for (JsonNode s : root.path("strategies")) {
      names.add(s.path("name").asText());
      assertThat(fieldNames(s)).contains(
          "name", "jobs", "requests_per_job", "detection_latency_ms", "timeouts", "wrong_outcomes",
          "client_cpu_ms", "peak_threads", "peak_heap_mb");
      assertThat(fieldNames(s.path("detection_latency_ms"))).containsExactly("p50", "p95", "p99", "max");
      assertThat(s.has("error")).as("strategy %s ran", s.path("name").asText()).isFalse();
      // And no outcome was wrong, none timed out, and the server counted the status requests
      assertThat(s.path("jobs").asInt()).isEqualTo(10);
      assertThat(s.path("wrong_outcomes").asInt()).isZero();
      assertThat(s.path("timeouts").asInt()).isZero();
      assertThat(s.path("requests_source").asText()).isEqualTo("server");
      assertThat(s.path("requests_per_job").asDouble()).isGreaterThan(0);
      assertThat(s.path("detection_latency_ms").path("p50").isNumber()).isTrue();
    }
    assertThat(names).containsExactly("fixed:1s", "adaptive", "events");
    for (JsonNode t : root.path("targets")) {
      assertThat(fieldNames(t)).containsExactly("name", "met", "value", "limit");
    }
    assertThat(root.path("targets").size()).isGreaterThanOrEqualTo(1);
    // And the chart is a PNG
    byte[] png = Files.readAllBytes(out.resolve("tradeoff.png"));
    assertThat(png).startsWith(PNG_MAGIC);
  }

  @Test
  void seedProtocolComparisonChecksEveryOutcomeAgainstTheServer(@TempDir Path out) {
    // Given seed and adaptive, whose comparison also runs on a seed-protocol server
    BenchConfig config = BenchConfig.builder()
        .jobs(5)
        .minDelay(Duration.ofMillis(50))
        .maxDelay(Duration.ofMillis(100))
        .strategies(List.of("seed", "adaptive"))
        .seed(9L)
        .warmup(false)
        .out(out)
        .build();

    // When it runs
    BenchResults results = Benchmark.create(config).run();

    // Then both seed-protocol runs ran, matched the server's own jobs, and none was wrong
    assertThat(results.strategies()).extracting(StrategyResult::name).containsExactly(
        "seed", "adaptive", "seed@seed-protocol", "adaptive@seed-protocol");
    assertThat(results.strategies()).allSatisfy(s -> {
      assertThat(s.error()).as(s.name()).isNull();
      assertThat(s.wrongOutcomes()).as(s.name()).isZero();
      assertThat(s.detectionLatency().samples()).as(s.name()).isEqualTo(5);
    });
    assertThat(results.targets()).extracting(TargetResult::name).contains(
        "adaptive@seed-protocol: fewer requests per job than seed@seed-protocol");
  }

  @Test
  void storeComparisonRunsEventsAndLongPollOnMemoryAndOnOneAndThreeReplicasOverRedis(@TempDir Path out) {
    // Given the store comparison with a tiny job mix
    BenchConfig config = BenchConfig.builder()
        .jobs(6)
        .minDelay(Duration.ofMillis(50))
        .maxDelay(Duration.ofMillis(100))
        .strategies(List.of("events"))
        .seed(5L)
        .warmup(false)
        .storeComparison(true)
        .out(out)
        .build();

    // When it runs
    BenchResults results = Benchmark.create(config).run();

    // Then each strategy ran on each store, every outcome matching the servers' own jobs
    assertThat(results.strategies()).extracting(StrategyResult::name).containsExactly("events",
        "events@memory", "events@redis-1", "events@redis-3",
        "long-poll@memory", "long-poll@redis-1", "long-poll@redis-3");
    assertThat(results.strategies()).allSatisfy(s -> {
      assertThat(s.error()).as(s.name()).isNull();
      assertThat(s.wrongOutcomes()).as(s.name()).isZero();
      assertThat(s.detectionLatency().samples()).as(s.name()).isEqualTo(6);
      assertThat(s.requestsPerJob()).as(s.name()).isGreaterThan(0);
    });
    // And the three-replica target is checked for both, on that run's own figures
    assertThat(results.targets()).filteredOn(t -> t.name().endsWith("with three replicas"))
        .extracting(TargetResult::name).containsExactly(
            "events@redis-3: p99 detection <= 25 ms with three replicas",
            "long-poll@redis-3: p99 detection <= 25 ms with three replicas");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
