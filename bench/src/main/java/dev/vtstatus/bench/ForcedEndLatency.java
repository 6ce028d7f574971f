package dev.vtstatus.bench;

import dev.vtstatus.client.AdminClient;
import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How soon a waiting client sees a job end that a test forced through the admin routes, as the JUnit
 * extension does it: a server on loopback with minute-long jobs, one client waiting with the default
 * strategy, and for each round a job created, a wait begun, then the job completed by
 * {@code POST /admin/jobs/{id}/complete}. Measures from the start of that request to the end of the
 * wait. The first round (cold) is reported apart.
 *
 * <p>Run, once {@code ./vtstatus --version} has built the command's jar: {@code java -cp
 * cli/target/vtstatus.jar dev.vtstatus.bench.ForcedEndLatency [ROUNDS]}. Bounded: each wait has a
 * 5 s deadline; the server stops at the end.
 */
public final class ForcedEndLatency {
  private ForcedEndLatency() {}

  /** The result of a run: the cold first round, and the rounds after it. */
  record Result(Duration first, LatencySummary rest) {}

  /**
   * Runs {@code rounds} rounds (at least 2).
   *
   * @throws Exception when a wait fails or passes its deadline
   */
  static Result run(int rounds) throws Exception {
    ServerConfig config = ServerConfig.builder().port(0)
        .minDelay(Duration.ofMinutes(1)).maxDelay(Duration.ofMinutes(1)).build();
    try (JobServer server = JobServer.create(config).start();
        VideoTranslationClient client = VideoTranslationClient.builder().baseUrl(server.url()).build();
        AdminClient admin = AdminClient.builder().baseUrl(server.url()).build()) {
      List<Duration> seen = new ArrayList<>(rounds);
      for (int i = 0; i < rounds; i++) {
        Job job = client.createJob();
        CompletableFuture<Job> waiting = client.waitForResultAsync(job.jobId(), Duration.ofSeconds(5));
        long start = System.nanoTime();
        admin.completeNow(job.jobId());
        waiting.get(10, TimeUnit.SECONDS);
        seen.add(Duration.ofNanos(System.nanoTime() - start));
      }
      return new Result(seen.get(0), LatencySummary.of(seen.subList(1, seen.size())));
    }
  }

  /**
   * Prints the latencies of {@code args[0]} rounds (default 101).
   *
   * @param args the number of rounds, optional
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 101;
    if (rounds < 2) {
      throw new IllegalArgumentException("rounds must be at least 2, was " + rounds);
    }
    Result result = run(rounds);
    LatencySummary rest = result.rest();
    System.out.printf(Locale.ROOT,
        "forced end seen by a waiting client: first %.1f ms; next %d: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        result.first().toNanos() / 1e6, rest.samples(), rest.p50(), rest.p95(), rest.p99(), rest.max());
  }
}
