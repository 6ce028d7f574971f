package dev.vtstatus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

  private static final BenchConfig CONFIG = BenchConfig.builder().build();

  private static StrategyResult result(String name, double requestsPerJob, double p95, double p99) {
    return new StrategyResult(
        name, 200, requestsPerJob, "server", new LatencySummary(200, p95 / 2, p95, p99, p99),
        0, 0, 0, 10, 20, 4, 30, 50.0, 40.0, -1, 200, 750.0, 1_500, name, null);
  }

  private static TargetResult named(List<TargetResult> targets, String name) {
    return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void adaptiveMustBeatSeedOnBothAxesAtOnce() {
    // Given adaptive spending fewer requests than seed but noticing later
    List<StrategyResult> run = List.of(result("seed", 5.0, 900, 1_000), result("adaptive", 3.0, 950, 990));

    // When the targets are checked
    List<TargetResult> targets = Targets.check(CONFIG, run);

    // Then the request target is met and the latency one is not, with the run's own figures
    TargetResult requests = named(targets, "adaptive: fewer requests per job than seed");
    assertThat(requests.met()).isTrue();
    assertThat(requests.value()).isEqualTo(3.0);
    assertThat(requests.limit()).isEqualTo(5.0);
    assertThat(named(targets, "adaptive: lower p95 detection than seed").met()).isFalse();
    assertThat(named(targets, "adaptive: p95 detection <= 10% of mean job duration (ms)").limit())
        .isEqualTo(75.0);
  }

  @Test
  void pushStrategiesAreHeldToTheirRequestAndLatencyBounds() {
    // Given events within bounds and long-poll with a slow p99
    List<StrategyResult> run = List.of(result("events", 0.01, 5, 12), result("long-poll", 1.0, 10, 40));

    // When the targets are checked
    List<TargetResult> targets = Targets.check(CONFIG, run);

    // Then events meets both and long-poll misses its latency bound; its request bound follows the jobs
    assertThat(named(targets, "events: requests per job <= 0.05").met()).isTrue();
    assertThat(named(targets, "events: p99 detection <= 25 ms").met()).isTrue();
    assertThat(named(targets, "long-poll: p99 detection <= 25 ms").met()).isFalse();
    assertThat(named(targets, "long-poll: requests per job <= 1.025").limit()).isEqualTo(1.025);
  }

  @Test
  void adaptiveWithHintsIsHeldToTwoRequestsAndFivePercentOfTheMeanJob() {
    // Given adaptive with 1.8 requests per job and a p95 of 40 ms on jobs of 750 ms on average
    List<StrategyResult> run = List.of(result("adaptive", 1.8, 40, 50));

    // When the targets are checked
    List<TargetResult> targets = Targets.check(CONFIG, run);

    // Then the request bound is met, and 40 ms is over 5% of 750 ms
    assertThat(named(targets, "adaptive: requests per job <= 2").met()).isTrue();
    TargetResult p95 = named(targets, "adaptive: p95 detection <= 5% of mean job duration (ms)");
    assertThat(p95.limit()).isEqualTo(37.5);
    assertThat(p95.met()).isFalse();
  }

  @Test
  void atScaleAdaptiveMustMergeItsPollsWellBelowOneRequestPerJob() {
    // Given a scale run of adaptive at 0.1 requests per job
    BenchConfig scale = BenchConfig.builder().scale(true).jobs(10_000).build();
    List<StrategyResult> run = List.of(result("adaptive", 0.1, 400, 500));

    // When the targets are checked
    List<TargetResult> targets = Targets.check(scale, run);

    // Then
    TargetResult merged = named(targets, "10,000 jobs, adaptive: requests per job <= 0.25 (merged batch reads)");
    assertThat(merged.met()).isTrue();
    assertThat(targets).extracting(TargetResult::name).noneMatch(n -> n.contains("5% of mean"));
  }

  @Test
  void strategyThatFailedToRunMissesItsTargets() {
    // Given events that could not run
    List<StrategyResult> run = List.of(StrategyResult.failed("events", 200, "boom"));

    // When the targets are checked
    List<TargetResult> targets = Targets.check(CONFIG, run);

    // Then its targets are reported, not met
    assertThat(named(targets, "events: p99 detection <= 25 ms").met()).isFalse();
    assertThat(named(targets, "events: p99 detection <= 25 ms").value()).isNaN();
  }
}
