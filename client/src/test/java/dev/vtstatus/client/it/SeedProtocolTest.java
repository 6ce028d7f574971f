package dev.vtstatus.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.client.fakes.RecordingListener;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server that speaks only the seed protocol (no {@code /v1} routes), with 503s injected: the
 * client must find out by itself and wait by polling {@code /status/{id}}, and every job, waited
 * for blocking or asynchronously, must end with the outcome the server gives it.
 */
class SeedProtocolTest {
  /**
   * No dropped connections: a seed-protocol create has no Idempotency-Key, so the client does not
   * repeat one whose answer was lost (SeedCreateRetryTest covers that); injected 503s it repeats.
   */
  @RegisterExtension
  static final JobServerExtension SERVER =
      JobServerExtension.with(c -> c.seedProtocolOnly(true).faultRate(0.1));

  private static final int JOBS = 6;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.vtstatus.client.it.StrategyCases#polling")
  void detectsTheSeedProtocolAndGivesEveryJobItsTrueOutcome(String name, WaitStrategy strategy)
      throws Exception {
    // Given
    RecordingListener listener = new RecordingListener();
    VideoTranslationClient client = SERVER.client(strategy, listener);
    long createdBefore = SERVER.server().stats().jobsCreated();
    List<String> ids =
        ConcurrentCreates.createAll(client, Collections.nCopies(JOBS, JobRequest.EMPTY)).stream()
            .map(Job::jobId)
            .toList();
    Map<String, WaitMode> modes = WaitMode.alternating(ids);

    // When
    Map<String, Job> results = WaitMode.waitForEach(client, modes);

    // Then
    assertThat(SERVER.server().stats().jobsCreated() - createdBefore).isEqualTo(JOBS);
    for (String id : ids) {
      assertThat(results.get(id).status())
          .as("outcome of %s wait for %s", modes.get(id), id)
          .isEqualTo(serverOutcome(id));
    }
    assertThat(listener.finishedCounts()).isEqualTo(RecordingListener.onceEach(ids));
    assertThat(client.strategyName()).isNotIn("events", "long-poll");
  }

  /** Reads a finished job's status straight from the server, through its injected faults. */
  private static JobStatus serverOutcome(String id) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(SERVER.url().resolve("/status/" + id)).build();
    for (int attempt = 1; attempt <= 50; attempt++) {
      try {
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          JsonNode body = Json.mapper().readTree(answer.body());
          return JobStatus.fromWire(body.get("result").asText());
        }
      } catch (IOException dropped) {
        // An injected dropped connection: ask again.
      }
    }
    throw new AssertionError("the server did not answer GET /status/" + id + " in 50 attempts");
  }
}
