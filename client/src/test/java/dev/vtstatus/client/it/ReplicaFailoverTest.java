package dev.vtstatus.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.client.ClientMetrics;
import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.client.fakes.RecordingListener;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
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
 * A client over three real replicas on one real Redis spreads its waits over them and loses
 * nothing when the replica holding some of them dies in the middle of its waits: parked long polls
 * and the event stream move to another replica, every job is reported once, with the status the
 * survivors hold. A replica that comes back on its port takes requests again.
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
    killAReplicaMidWait(mode, WaitStrategy.longPoll(Duration.ofSeconds(10)), ServerStats::parkedLongPolls);
  }

  @ParameterizedTest
  @EnumSource(WaitMode.class)
  void theEventStreamResumesOnAnotherReplicaAndEveryJobEndsOnce(WaitMode mode) throws Exception {
    RecordingListener listener =
        killAReplicaMidWait(mode, WaitStrategy.events(), ServerStats::openEventStreams);
    // the stream itself moved: no wait had to fall back to long polls
    assertThat(listener.channelChanges()).isEmpty();
  }

  private RecordingListener killAReplicaMidWait(
      WaitMode mode, WaitStrategy strategy, ToIntFunction<ServerStats> parked) throws Exception {
    RecordingListener listener = new RecordingListener();
    try (ReplicasOnRedis replicas = replicas();
        VideoTranslationClient client = VideoTranslationClient.builder().baseUrls(replicas.urls())
            .waitStrategy(strategy).timeout(BOUND).addListener(listener).build()) {
      // Given: jobs created over the replicas, and waits parked on them
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
      await().atMost(BOUND).until(() -> busiest(replicas, parked) >= 0);
      int victim = busiest(replicas, parked);
      URI survivorUrl = replicas.urls().get((victim + 1) % 3);

      // When: a replica holding waits dies before any job ends
      replicas.get(victim).close();

      // Then
      Map<String, Job> done = waits.get(BOUND.toSeconds(), TimeUnit.SECONDS);
      assertThat(done).hasSize(JOBS);
      try (VideoTranslationClient survivor = VideoTranslationClient.builder().baseUrl(survivorUrl).build()) {
        for (String id : ids) {
          assertThat(done.get(id).isTerminal()).isTrue();
          assertThat(done.get(id).status()).isEqualTo(survivor.getStatus(id).status());
        }
      }
      assertThat(listener.finishedCounts()).isEqualTo(RecordingListener.onceEach(ids));
      ClientMetrics metrics = client.metrics();
      assertThat(listener.setAside()).allMatch(replicas.urls().get(victim)::equals);
      assertThat(metrics.replicaSwitches()).isLessThanOrEqualTo(1);
      assertThat(metrics.replicaRequests()).containsKeys(
          replicas.urls().stream().map(ReplicaFailoverTest::base).toArray(String[]::new));
      assertThat(metrics.successfulJobs() + metrics.failedJobs()).isEqualTo(JOBS);
    }
    return listener;
  }

  @org.junit.jupiter.api.Test
  void aReplicaStartedAgainOnItsPortTakesRequestsAgain() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (ReplicasOnRedis replicas = replicas();
        VideoTranslationClient client = VideoTranslationClient.builder().baseUrls(replicas.urls())
            .waitStrategy(WaitStrategy.fixed(Duration.ofMillis(50))).timeout(BOUND)
            .addListener(listener).build()) {
      // Given: a long job read over every replica; the first replica stops and is set aside
      String id = client.createJob(JobRequest.builder()
          .simulate(new dev.vtstatus.protocol.Simulation(Duration.ofSeconds(30), null)).build()).jobId();
      CompletableFuture<Job> wait = client.waitForResultAsync(id);
      URI first = replicas.urls().get(0);
      replicas.get(0).close();
      await().atMost(BOUND).until(() -> listener.setAside().contains(first));
      long before = client.metrics().replicaRequests().getOrDefault(base(first), 0L);

      // When: it starts again on the same port
      replicas.restart(0);

      // Then: a probe finds it, and reads go to it again
      await().atMost(BOUND).until(() -> listener.recovered().contains(first));
      await().atMost(BOUND).until(() -> client.metrics().replicaRequests().get(base(first)) > before + 2);
      assertThat(wait).isNotDone();
      wait.cancel(true);
      assertThat(listener.setAside()).containsExactly(first);
    }
  }

  /** Returns a running replica that holds waits now (by {@code parked}), or -1. */
  private static int busiest(ReplicasOnRedis replicas, ToIntFunction<ServerStats> parked) {
    for (int i = 0; i < 3; i++) {
      if (parked.applyAsInt(replicas.get(i).stats()) > 0) {
        return i;
      }
    }
    return -1;
  }

  private static String base(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority();
  }
}
