package dev.vtstatus.client;

import static dev.vtstatus.client.fakes.FakeJobServer.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.client.fakes.FakeTransport.Reply;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LongPollRefusalTest {
  private static final String BAD_ID = "not-a-uuid";

  /** A client long polling job by job, as it does on servers without batch long polls. */
  private static ClientHarness longPolling() {
    ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.longPoll(Duration.ofSeconds(30)))
        .protocol(ProtocolMode.V1));
    h.server.withoutBatchLongPoll();
    return h;
  }

  private static void refuseId(ClientHarness h, String id) {
    for (int i = 0; i < 2; i++) {
      h.server.script(c -> c.uri().getPath().equals("/v1/jobs/" + id), Reply.now(problem(400,
          "'" + id + "' is not a job id (expected a lowercase UUID)", Map.of())));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aBadJobIdFailsOnlyThatWaitAndKeepsLongPolling(Mode mode) {
    try (ClientHarness h = longPolling()) {
      // Given: the server refuses the id itself, with or without wait
      refuseId(h, BAD_ID);
      h.server.addJob("a", Duration.ofSeconds(4), JobStatus.COMPLETED);

      // When
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForResult(BAD_ID), c -> c.waitForResultAsync(BAD_ID)))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
      Job job = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      assertThat(h.client.strategyName()).isEqualTo("long-poll");
      assertThat(h.listener.events("channel")).isEmpty();
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(h.transport.calls("GET", "/v1/jobs/a"))
          .allSatisfy(c -> assertThat(c.pathAndQuery()).contains("?wait="));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aBadIdThatContainsTheWordWaitIsStillAboutTheId(Mode mode) {
    try (ClientHarness h = longPolling()) {
      // Given
      refuseId(h, "wait");

      // When
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForResult("wait"), c -> c.waitForResultAsync("wait")))
          .isInstanceOf(ApiException.class);

      // Then
      assertThat(h.client.strategyName()).isEqualTo("long-poll");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRefusalThatNamesWaitMovesTheClientToPolling(Mode mode) {
    try (ClientHarness h = longPolling()) {
      // Given
      h.server.addJob("a", Duration.ofSeconds(4), JobStatus.COMPLETED);
      h.server.script(c -> c.uri().getRawQuery() != null && c.uri().getRawQuery().startsWith("wait="),
          Reply.now(problem(400, "query parameter 'wait' must be a number of seconds >= 0", Map.of())));

      // When
      Job job = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(h.client.strategyName()).isEqualTo("adaptive");
      List<Recorded> reads = h.transport.calls("GET", "/v1/jobs/a");
      assertThat(reads.get(0).pathAndQuery()).contains("?wait=");
      assertThat(reads.subList(1, reads.size()))
          .allSatisfy(c -> assertThat(c.pathAndQuery()).doesNotContain("wait="));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anUnexplainedRefusalThatAPlainReadDoesNotRepeatMovesTheClientToPolling(Mode mode) {
    try (ClientHarness h = longPolling()) {
      // Given: a 400 to the long poll whose detail says nothing; the read without wait works
      h.server.addJob("a", Duration.ofSeconds(4), JobStatus.COMPLETED);
      h.server.script(c -> c.uri().getRawQuery() != null && c.uri().getRawQuery().startsWith("wait="),
          Reply.now(problem(400, "bad request", Map.of())));

      // When
      Job job = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(h.client.strategyName()).isEqualTo("adaptive");
      assertThat(h.listener.events("channel")).containsExactly("channel long-poll->adaptive");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theReadThatConfirmsARefusalOfWaitAlsoCountsAsAnObservation(Mode mode) {
    try (ClientHarness h = longPolling()) {
      // Given: a job that already ended; the long poll is refused without a reason
      h.server.addJob("a", Duration.ZERO, JobStatus.COMPLETED);
      h.server.script(c -> c.uri().getRawQuery() != null && c.uri().getRawQuery().startsWith("wait="),
          Reply.now(problem(400, "bad request", Map.of())));

      // When
      Job job = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(h.transport.calls("GET", "/v1/jobs/a")).extracting(Recorded::pathAndQuery)
          .containsExactly("/v1/jobs/a?wait=30", "/v1/jobs/a");
      assertThat(h.client.strategyName()).isEqualTo("adaptive");
    }
  }
}
