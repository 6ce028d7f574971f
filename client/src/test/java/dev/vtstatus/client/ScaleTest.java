package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoThreadLeaks.class)
class ScaleTest {
  private static final int JOBS = Integer.getInteger("vtstatus.scale.jobs", 2_000);

  private static Set<Thread> threads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
  }

  @Test
  void thousandsOfWaitsTakeAFewThreadsAndOneEventStream() throws Exception {
    TestServers.withServer(c -> c.minDelay(Duration.ofMillis(500)).maxDelay(Duration.ofMillis(1_000)), server -> {
      Set<Thread> before = threads();
      try (VideoTranslationClient client = VideoTranslationClient.builder()
          .baseUrl(server.url()).timeout(Duration.ofSeconds(60)).build()) {
        // Given
        long t0 = System.nanoTime();
        List<CompletableFuture<Job>> creates = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
          creates.add(client.createJobAsync(JobRequest.EMPTY));
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<Job> f : creates) {
          ids.add(f.get().jobId());
        }

        long createdMillis = (System.nanoTime() - t0) / 1_000_000;

        // When
        CompletableFuture<Map<String, Job>> all = client.waitForAllAsync(ids);
        Set<Thread> during = threads();
        during.removeAll(before);
        Map<String, Job> done = all.get();

        // Then
        assertThat(done).hasSize(JOBS);
        assertThat(done.values()).allMatch(Job::isTerminal);
        assertThat(client.metrics().totalJobs()).isEqualTo(JOBS);
        assertThat(client.strategyName()).isEqualTo("events");
        assertThat(server.stats().openEventStreams()).isEqualTo(1);
        System.out.printf("%d creates in %d ms; %d waits: %d new threads %s; %s%n", JOBS, createdMillis, JOBS, during.size(),
            during.stream().map(Thread::getName).sorted().toList(), client.metrics().toMap());
        assertThat(during).hasSizeLessThanOrEqualTo(8);
        assertThat(client.metrics().statusRequests()).isLessThan(JOBS / 10);
      }
    });
  }
}
