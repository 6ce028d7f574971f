package dev.vtstatus.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.client.ClientMetrics;
import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.server.JobServer;
import dev.vtstatus.server.ServerStats;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client over three real replicas on one real Redis loses nothing when the replica it uses dies
 * in the middle of its waits: parked long polls and the event stream move to the next replica,
 * every job is reported once, with the status the survivors hold.
 */
class ReplicaFailoverTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final int JOBS = 4;

  private static ReplicasOnRedis replicas() throws Exception {
    return new ReplicasOnRedis(JobServerExtension.quickJobs()
        .minDelay(Duration.ofMillis(1_200)).maxDelay(Duration.ofMillis(1_600)), 3);
  }

  @ParameterizedTest
  @EnumSource(WaitMode.class)
  void longPollsParkedOnADyingReplicaMoveOnAndEveryJobEndsOnce(WaitMode mode) throws Exception {
    killTheReplicaInUseMidWait(mode, WaitStrategy.longPoll(Duration.ofSeconds(10)),
        ServerStats::parkedLongPolls);
  }

  @ParameterizedTest
  @EnumSource(WaitMode.class)
  void theEventStreamResumesOnAnotherReplicaAndEveryJobEndsOnce(WaitMode mode) throws Exception {
    RecordingWaitListener listener =
        killTheReplicaInUseMidWait(mode, WaitStrategy.events(), ServerStats::openEventStreams);
    // the stream itself moved: no wait had to fall back to long polls
    assertThat(listener.channelChanges()).isEmpty();
  }

  private RecordingWaitListener killTheReplicaInUseMidWait(
      WaitMode mode, WaitStrategy strategy, ToIntFunction<ServerStats> parked) throws Exception {
    RecordingWaitListener listener = new RecordingWaitListener();
    try (ReplicasOnRedis replicas = replicas();
        VideoTranslationClient client = VideoTranslationClient.builder().baseUrls(replicas.urls())
            .waitStrategy(strategy).timeout(BOUND).addListener(listener).build();
        VideoTranslationClient survivor =
            VideoTranslationClient.builder().baseUrl(replicas.urls().get(2)).build()) {
      // Given: jobs created through the first replica, and waits parked on it
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        ids.add(client.createJob(JobRequest.builder().build()).jobId());
      }
      CompletableFuture<Map<String, Job>> waits = CompletableFuture.supplyAsync(() -> {
        try {
          return mode.waitForEach(client, ids);
        } catch (Exception e) {
          throw new CompletionException(e);
        }
      });
      JobServer first = replicas.get(0);
      await().atMost(BOUND).until(() -> parked.applyAsInt(first.stats()) > 0);

      // When: that replica dies before any job ends
      first.close();

      // Then
      Map<String, Job> done = waits.get(BOUND.toSeconds(), TimeUnit.SECONDS);
      assertThat(done).hasSize(JOBS);
      for (String id : ids) {
        assertThat(done.get(id).isTerminal()).isTrue();
        assertThat(done.get(id).status()).isEqualTo(survivor.getStatus(id).status());
      }
      assertThat(listener.finishedCounts()).isEqualTo(RecordingWaitListener.onceEach(ids));
      ClientMetrics metrics = client.metrics();
      assertThat(metrics.replicaSwitches()).isEqualTo(1);
      assertThat(metrics.replicaRequests()).containsKey(base(replicas.urls().get(1)))
          .doesNotContainKey(base(replicas.urls().get(2)));
      assertThat(metrics.successfulJobs() + metrics.failedJobs()).isEqualTo(JOBS);
    }
    return listener;
  }

  private static String base(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority();
  }
}
