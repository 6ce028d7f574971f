package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Throws a few thousand seeded random requests at a server (see {@link HostileRequests}) and fails
 * on any 5xx, any error answer that is not problem+json, any answer that is not HTTP/1.1 (but to
 * an HTTP/1.0 request), any request left hanging and a server that stops answering its health
 * check.
 */
class FuzzTest {
  private static final long SEED = 20261201L;
  private static final int REQUESTS = 3000;
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  @Test
  void randomHostileRequestsNeverBreakTheServer() throws Exception {
    ServerConfig.Builder config = ServerTesting.fastConfig()
        .apiKeys(Set.of("key-a", "key-b"))
        .maxWait(Duration.ofMillis(200))
        .maxJobs(500);
    test(config, (server, http) -> {
      // Given some real jobs for the requests to name
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        ids.add(TestHttp.job(http.post("/v1/jobs", "{}", "X-Api-Key", "key-a")).jobId());
      }
      HostileRequests requests = new HostileRequests(SEED, ids);
      List<String> failures = new ArrayList<>();

      // When
      for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
        HostileRequests.Request request = requests.next();
        RawHttp.Answer answer = RawHttp.exchange(server.port(), request.bytes(), request.head(), READ_TIMEOUT);
        String problem = judge(request, answer);
        if (problem != null) {
          failures.add("#" + i + " " + request.summary() + " -> " + problem);
        }
        if (i % 100 == 99) {
          assertThat(http.get("/healthz").statusCode()).as("health after request #" + i).isEqualTo(200);
        }
      }

      // Then
      assertThat(failures).isEmpty();
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
      assertThat(http.post("/v1/jobs", "{}", "X-Api-Key", "key-b").statusCode()).isEqualTo(201);
    });
  }

  /** Returns what is wrong with the answer, or null when it is acceptable. */
  private static String judge(HostileRequests.Request request, RawHttp.Answer answer) {
    switch (answer.ending()) {
      case TIMED_OUT:
        return "no answer within " + READ_TIMEOUT;
      case CLOSED:
        // a request broken on purpose may be refused by closing; a well-formed one must be answered
        return request.brokenFraming() ? null : "closed without an answer";
      default:
        break;
    }
    if (!answer.statusLine().startsWith("HTTP/1.1 ")
        && !(request.http10() && answer.statusLine().startsWith("HTTP/1.0 "))) {
      return "answered as '" + answer.statusLine() + "'";
    }
    if (answer.status() >= 500) {
      return "status " + answer.status() + ": " + answer.body();
    }
    if (answer.status() >= 400 && !request.head()) {
      String type = answer.header("content-type");
      if (type == null || !type.startsWith("application/problem+json")) {
        if (answer.status() == 409 && "application/json".equals(type)) {
          return null;
        }
        return "status " + answer.status() + " with content type " + type + ": " + answer.body();
      }
      try {
        JsonNode problem = Json.mapper().readTree(answer.body());
        if (problem.path("status").asInt() != answer.status() || problem.path("detail").asText().isEmpty()) {
          return "problem body does not match: " + answer.body();
        }
      } catch (Exception e) {
        return "problem body is not JSON: " + answer.body();
      }
    }
    return null;
  }
}
