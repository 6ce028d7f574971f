package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WaitForAllCancelTest {
  private static ClientHarness longPolling() {
    return ClientHarness.create(b -> b.waitStrategy(WaitStrategy.longPoll(Duration.ofSeconds(30)))
        .protocol(ProtocolMode.V1));
  }

  private static void twoLongJobs(ClientHarness h) {
    h.server.addJob("a", Duration.ofSeconds(60), JobStatus.COMPLETED);
    h.server.addJob("b", Duration.ofSeconds(60), JobStatus.COMPLETED);
  }

  @Test
  void cancellingWaitForAllAsyncEndsEveryWaitWithItsRequestAndTimer() {
    try (ClientHarness h = longPolling()) {
      // Given: both waits have a long poll on the wire and a deadline timer armed
      twoLongJobs(h);
      CompletableFuture<Map<String, Job>> all = h.client.waitForAllAsync(List.of("a", "b"));
      h.scheduler.advance(Duration.ofSeconds(1));
      int requests = h.transport.calls().size();

      // When
      boolean cancelled = all.cancel(true);
      h.scheduler.advance(Duration.ofMinutes(10));

      // Then
      assertThat(cancelled).isTrue();
      assertThat(h.scheduler.pending()).isZero();
      assertThat(h.transport.calls()).hasSize(requests);
      assertThat(h.listener.events("timedOut")).isEmpty();
      assertThat(h.listener.summaries()).isEmpty();
    }
  }

  @Test
  void interruptingSyncWaitForAllEndsEveryWait() {
    try (ClientHarness h = longPolling()) {
      // Given: a caller blocked in waitForAll while both long polls are on the wire
      twoLongJobs(h);
      CompletableFuture<Throwable> thrown = new CompletableFuture<>();
      Thread caller = new Thread(() -> {
        try {
          h.client.waitForAll(List.of("a", "b"));
          thrown.complete(null);
        } catch (Throwable t) {
          thrown.complete(t);
        }
      }, "sync-caller");
      caller.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.WAITING);
      h.scheduler.advance(Duration.ofSeconds(1));
      int requests = h.transport.calls().size();

      // When
      caller.interrupt();
      Throwable t = thrown.orTimeout(10, TimeUnit.SECONDS).join();
      h.scheduler.advance(Duration.ofMinutes(10));

      // Then
      assertThat(t).isInstanceOf(VideoTranslationException.class).hasMessageContaining("interrupted");
      assertThat(h.scheduler.pending()).isZero();
      assertThat(h.transport.calls()).hasSize(requests);
    }
  }
}
