package dev.vtstatus.client;

import dev.vtstatus.client.fakes.FakeJobServer.FakeJob;
import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * A burst of jobs created one after another on a harness's fake clock, each waited for from the
 * moment it exists (as the benchmark does), and what the waits cost: status requests per job and
 * the p95 of how late each end was seen, from the requests on the fake transport.
 */
final class Burst {
  /** What a burst's waits cost. */
  record Cost(double requestsPerJob, double p95LatencyMillis) {}

  private Burst() {}

  /**
   * Creates {@code count} jobs lasting {@code min} to {@code max} (uniform, from {@code seed}), one
   * every {@code spacing}, waits for all of them and returns the cost.
   */
  static Cost run(ClientHarness h, int count, Duration min, Duration max, Duration spacing, long seed) {
    Random random = new Random(seed);
    long span = max.toMillis() - min.toMillis();
    h.server.durations(() -> min.plusMillis((long) (random.nextDouble() * span)));
    List<CompletableFuture<Job>> waits = waitForAll(h, count, spacing);
    return cost(h, waits.stream().map(CompletableFuture::join).map(Job::jobId).toList());
  }

  /**
   * Creates {@code count} jobs with the server's durations, one every {@code spacing}, each waited
   * for from the moment it exists, and runs the fake scheduler until every wait has ended.
   */
  static List<CompletableFuture<Job>> waitForAll(ClientHarness h, int count, Duration spacing) {
    List<CompletableFuture<Job>> waits = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CompletableFuture<Job> created = h.client.createJobAsync(JobRequest.EMPTY);
      h.scheduler.runUntil(created::isDone);
      waits.add(h.client.waitForResultAsync(created.join().jobId()));
      h.scheduler.advance(spacing);
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new));
    h.scheduler.runUntil(all::isDone);
    all.join();
    return waits;
  }

  /** Returns the cost of waiting for {@code ids}: reads and batch reads, and the first look at each end. */
  static Cost cost(ClientHarness h, List<String> ids) {
    List<Recorded> reads = h.transport.calls().stream()
        .filter(c -> c.method().equals("GET") && !c.pathAndQuery().startsWith("/v1/capabilities"))
        .toList();
    double[] latencies = new double[ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      FakeJob job = h.server.job(id);
      Instant end = job.createdAt().plus(job.duration());
      Instant seen = reads.stream()
          .filter(c -> c.pathAndQuery().contains(id) && !c.at().isBefore(end))
          .map(Recorded::at)
          .min(Instant::compareTo)
          .orElseThrow(() -> new AssertionError("no look at " + id + " after its end"));
      latencies[i] = Duration.between(end, seen).toNanos() / 1e6;
    }
    Arrays.sort(latencies);
    double p95 = latencies[Math.max(0, (int) Math.ceil(0.95 * latencies.length) - 1)];
    return new Cost(reads.size() / (double) ids.size(), p95);
  }
}
