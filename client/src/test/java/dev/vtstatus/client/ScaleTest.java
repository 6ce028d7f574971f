package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.it.JobServerExtension;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoThreadLeaks.class)
class ScaleTest {
  private static final int JOBS = Integer.getInteger("vtstatus.scale.jobs", 2_000);
  /** The client's 2 scheduler and 2 HTTP threads plus the JDK HTTP client's selector. */
  private static final int CLIENT_THREADS = 5;

  /** The live threads a client makes: its named pools and its HTTP client's selector. */
  private static Set<Thread> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive()
            && (t.getName().startsWith("vtstatus-client-") || t.getName().endsWith("SelectorManager")))
        .collect(Collectors.toSet());
  }

  @Test
  void thousandsOfWaitsTakeAFewThreadsAndOneEventStream() throws Exception {
    JobServerExtension.run(c -> c.minDelay(Duration.ofMillis(500)).maxDelay(Duration.ofMillis(1_000)), server -> {
      Set<Thread> before = clientThreads();
      try (VideoTranslationClient client = VideoTranslationClient.builder()
          .baseUrl(server.url()).timeout(Duration.ofSeconds(60)).build()) {
        // Given
        List<CompletableFuture<Job>> creates = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
          creates.add(client.createJobAsync(JobRequest.EMPTY));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<Job> f : creates) {
          ids.add(f.get(60, TimeUnit.SECONDS).jobId());
        }

        // When: the thread count is sampled all through the wait, its peak kept
        CompletableFuture<Map<String, Job>> all = client.waitForAllAsync(ids);
        AtomicInteger peak = new AtomicInteger();
        while (!all.isDone()) {
          Set<Thread> now = clientThreads();
          now.removeAll(before);
          peak.accumulateAndGet(now.size(), Math::max);
          try {
            all.get(20, TimeUnit.MILLISECONDS);
          } catch (TimeoutException stillWaiting) {
            // sample again
          }
        }
        Map<String, Job> done = all.get();

        // Then
        assertThat(done).hasSize(JOBS);
        assertThat(done.values()).allMatch(Job::isTerminal);
        assertThat(client.metrics().totalJobs()).isEqualTo(JOBS);
        assertThat(client.strategyName()).isEqualTo("events");
        assertThat(server.stats().openEventStreams()).isEqualTo(1);
        assertThat(peak.get()).isPositive().isLessThanOrEqualTo(CLIENT_THREADS);
        assertThat(client.metrics().statusRequests()).isEqualTo(1);
      }
    });
  }
}
