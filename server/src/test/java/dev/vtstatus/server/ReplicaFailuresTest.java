package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.testing.FakeClock;
import dev.vtstatus.testing.Ports;
import dev.vtstatus.testing.RecordingWebhookReceiver;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replicas on one Redis lose nothing when a replica dies, when all restart, or while Redis is away. */
class ReplicaFailuresTest {
  private static final Duration BOUND = Duration.ofSeconds(8);
  @RegisterExtension
  static final RedisPerClass REDIS = new RedisPerClass();

  private static String body(long durationMillis, String extra) {
    return "{\"simulate\":{\"duration_ms\":" + durationMillis + "}" + extra + "}";
  }

  @Test
  void whenTheReplicaThatCreatedTheJobsDiesTheOthersEndThemAndSendTheirWebhooks() throws Exception {
    // one clock for every replica, moved by hand: the webhook's retry waits until the clock is moved
    FakeClock clock = new FakeClock();
    try (Replicas replicas = new Replicas(ServerTesting.fastConfig().clock(clock), REDIS.get().url(), 3);
        RecordingWebhookReceiver receiver = RecordingWebhookReceiver.start(500)) {
      // Given: on A, a job whose webhook failed once and is in retry, and a job still pending
      String callback = ",\"callback_url\":\"" + receiver.url() + "\"";
      Job retried = replicas.http(0).create(body(0, callback));
      await().atMost(BOUND).until(() -> receiver.deliveries().size() == 1);
      Job pending = replicas.http(0).create(body(1500, callback));
      try (RecordingEventStream stream =
          RecordingEventStream.open(replicas.http(2), "/v1/jobs/" + pending.jobId() + "/events")) {
        CompletableFuture<HttpResponse<String>> parked = CompletableFuture.supplyAsync(
            () -> replicas.http(1).get("/v1/jobs/" + pending.jobId() + "?wait=20"));
        await().atMost(BOUND).until(() -> replicas.get(1).stats().parkedLongPolls() == 1
            && stream.jobEvents().size() == 1);

        // When
        replicas.get(0).close();
        clock.advance(Duration.ofSeconds(2));

        // Then
        Job done = TestHttp.job(parked.get());
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        await().atMost(BOUND).until(stream::ended);
        assertThat(stream.jobEvents()).extracting(e -> TestHttp.read(e.data(), Job.class).status())
            .containsExactly(JobStatus.PENDING, JobStatus.COMPLETED);
        await().atMost(BOUND).until(() -> receiver.deliveries().size() == 3);
        assertThat(receiver.deliveries()).extracting(d -> d.header("webhook-id"))
            .containsExactlyInAnyOrder("msg_" + retried.jobId(), "msg_" + retried.jobId(), "msg_" + pending.jobId());
        await().during(Duration.ofMillis(600)).atMost(BOUND).until(() -> receiver.deliveries().size() == 3);
      }
    }
  }

  @Test
  void aFreshReplicaAfterEveryOneStoppedReadsEveryJobReplaysEventsAndSendsDueWebhooks() throws Exception {
    try (RecordingWebhookReceiver receiver = RecordingWebhookReceiver.start()) {
      String callback = ",\"callback_url\":\"" + receiver.url() + "\"";
      Job ended;
      Job canceled;
      Job endsWhileDown;
      try (Replicas replicas = new Replicas(ServerTesting.fastConfig(), REDIS.get().url(), 3)) {
        // Given
        ended = replicas.http(0).create(body(0, ""));
        canceled = replicas.http(1).create(body(60_000, ""));
        replicas.http(2).delete("/v1/jobs/" + canceled.jobId());
        endsWhileDown = replicas.http(2).create(body(500, callback));
        await().atMost(BOUND).until(() -> TestHttp.job(replicas.http(0).get("/v1/jobs/" + ended.jobId()))
            .status().isTerminal());
      }
      Instant stoppedAt = Instant.now();
      await().atMost(BOUND).until(() -> Instant.now().isAfter(stoppedAt.plusMillis(600)));

      // When
      try (Replicas fresh = new Replicas(ServerTesting.fastConfig(), REDIS.get().url(), 1);
          RecordingEventStream stream = RecordingEventStream.open(fresh.http(0), "/v1/events", "Last-Event-ID", "0")) {

        // Then
        TestHttp http = fresh.http(0);
        assertThat(TestHttp.job(http.get("/v1/jobs/" + ended.jobId())).status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(TestHttp.job(http.get("/v1/jobs/" + canceled.jobId())).status()).isEqualTo(JobStatus.CANCELED);
        assertThat(TestHttp.job(http.get("/v1/jobs/" + endsWhileDown.jobId() + "?wait=5")).status())
            .isEqualTo(JobStatus.COMPLETED);
        await().atMost(BOUND).until(() -> receiver.deliveries().size() == 1);
        assertThat(receiver.deliveries().get(0).header("webhook-id")).isEqualTo("msg_" + endsWhileDown.jobId());
        await().atMost(BOUND).until(() -> stream.jobEvents(endsWhileDown.jobId()).size() == 2);
        assertThat(stream.jobEvents(canceled.jobId())).hasSize(2);
      }
    }
  }

  @Test
  void whileRedisIsAwayRequestsGet503WithRetryAfterAndTheServerRecoversWhenItReturns() throws Exception {
    try (Replicas replicas = new Replicas(ServerTesting.fastConfig(), REDIS.get().url(), 1)) {
      TestHttp http = replicas.http(0);
      Job before = http.create(body(60_000, ""));

      // When
      REDIS.get().stop();
      HttpResponse<String> read;
      HttpResponse<String> create;
      try {
        read = http.get("/v1/jobs/" + before.jobId());
        create = http.post("/v1/jobs", body(60_000, ""));
      } finally {
        REDIS.get().restart();
      }

      // Then
      assertThat(read.statusCode()).isEqualTo(503);
      assertThat(read.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(read.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(create.statusCode()).isEqualTo(503);
      await().atMost(BOUND).until(() -> http.post("/v1/jobs", body(60_000, "")).statusCode() == 201);
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anUnreachableRedisFailsTheStartWithAClearMessageWithinSeconds() throws Exception {
    int closedPort = Ports.unused();
    ServerConfig config = ServerTesting.fastConfig().port(0).store("redis://127.0.0.1:" + closedPort).build();
    Instant started = Instant.now();

    // When / Then
    assertThatThrownBy(() -> JobServer.create(config).start())
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("cannot open the store redis://127.0.0.1:" + closedPort);
    assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aStoreOfAnotherSchemeIsRejectedNamingWhatIsAccepted() {
    // When / Then
    assertThatThrownBy(() -> ServerConfig.builder().store("http://127.0.0.1:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("store must be 'memory' or redis://HOST:PORT[/DB]");
    assertThat(ServerConfig.builder().store("redis://cache.internal").build().store())
        .isEqualTo("redis://cache.internal:6379");
  }
}
