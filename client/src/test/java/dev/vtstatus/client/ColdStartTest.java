package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.protocol.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColdStartTest {
  private static final Duration MIN = Duration.ofMillis(500);
  private static final Duration MAX = Duration.ofMillis(1_000);
  private static final Duration SPACING = Duration.ofMillis(1);

  private static ClientHarness seedServer(WaitStrategy strategy) {
    ClientHarness h = ClientHarness.create(b -> b.waitStrategy(strategy).protocol(ProtocolMode.SEED));
    h.server.seedOnly();
    return h;
  }

  private static List<Long> looks(ClientHarness h, CompletableFuture<Job> wait, Instant start) {
    String path = "/status/" + wait.join().jobId();
    return h.transport.calls().stream()
        .filter(c -> c.pathAndQuery().equals(path))
        .map(Recorded::at)
        .map(t -> Duration.between(start, t).toMillis())
        .toList();
  }

  @Test
  void aColdBurstCostsFewerRequestsAndSeesEndsSoonerThanTheSeedSchedule() {
    // Given: 200 jobs of 0.5-1 s on a seed-protocol server, created 1 ms apart by a fresh client,
    // and the seed's schedule compressed to them (at once, then 0.2, 0.4, 0.8, 1.6, 3 s)
    WaitStrategy compressedSeed = WaitStrategy.exponential(Duration.ofMillis(200), 2.0, Duration.ofSeconds(3), 0);

    // When
    Burst.Cost adaptive;
    Burst.Cost seed;
    try (ClientHarness h = seedServer(WaitStrategy.adaptive())) {
      adaptive = Burst.run(h, 200, MIN, MAX, SPACING, 42);
    }
    try (ClientHarness h = seedServer(compressedSeed)) {
      seed = Burst.run(h, 200, MIN, MAX, SPACING, 42);
    }

    // Then: both at once
    assertThat(adaptive.requestsPerJob()).as("requests per job").isLessThan(seed.requestsPerJob());
    assertThat(adaptive.p95LatencyMillis()).as("p95 latency, ms").isLessThan(seed.p95LatencyMillis());
  }

  @Test
  void followersPlannedOnThePriorArePlannedAgainOnceScoutsHaveFoundEnds() {
    // Given: 50 jobs of 600 ms created 1 ms apart. When the ninth begins, the burst is big enough
    // for five scouts: the ninth itself and the four oldest waits (offered first); the sixth stays a
    // follower, whose first look on the prior would come at 1.5 s
    try (ClientHarness h = seedServer(WaitStrategy.adaptive())) {
      h.server.durations(() -> Duration.ofMillis(600));
      Instant start = h.clock.instant();

      // When
      List<CompletableFuture<Job>> waits = Burst.waitForAll(h, 50, SPACING);

      // Then: the oldest scout looked at ages 0.1, 0.15, 0.225, 0.3375, 0.50625 and 0.759375 s
      // (pending until 0.6 s); once the scouts had bracketed their ends, the follower's look was
      // planned again from the fitted durations and made at once: a single look, at 0.763 s
      assertThat(looks(h, waits.get(0), start)).containsExactly(100L, 150L, 225L, 337L, 506L, 759L);
      assertThat(looks(h, waits.get(5), start)).containsExactly(763L);
    }
  }

  @Test
  void aNewClientStartsFromWhatTheLastOneSavedAndSeesEndsSooner(@TempDir Path dir) {
    // Given: a client that waited for a burst of 200 jobs on a cold start and saved what it learned
    Path file = dir.resolve("learned.json");
    Burst.Cost cold;
    try (ClientHarness h = ClientHarness.create(
        b -> b.waitStrategy(WaitStrategy.adaptive()).protocol(ProtocolMode.SEED).learnedDurations(file))) {
      h.server.seedOnly();
      cold = Burst.run(h, 200, MIN, MAX, SPACING, 42);
    }

    // When: a new client (a new process) loads it and waits for the same burst
    Burst.Cost warm;
    try (ClientHarness h = ClientHarness.create(
        b -> b.waitStrategy(WaitStrategy.adaptive()).protocol(ProtocolMode.SEED).learnedDurations(file))) {
      h.server.seedOnly();
      warm = Burst.run(h, 200, MIN, MAX, SPACING, 42);
    }

    // Then: from the first job on it polls on the fitted schedule, so it sees ends sooner than the
    // cold burst did, for a few more looks per job, still fewer than the seed's 3.8
    assertThat(file).exists();
    assertThat(warm.p95LatencyMillis()).isLessThan(cold.p95LatencyMillis() * 0.75);
    assertThat(warm.requestsPerJob()).isLessThan(3.0);
  }

  @Test
  void aFileThatIsNotLearnedDurationsIsRefusedNamingIt(@TempDir Path dir) throws Exception {
    // Given
    Path file = Files.writeString(dir.resolve("other.json"), "{\"version\": 7}");

    // When / Then
    assertThatThrownBy(() -> VideoTranslationClient.builder().learnedDurations(file).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString());
  }
}
