package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.Job;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One test per row of the bad-input table; each also checks that the server still serves. */
class BadInputTest {
  private static final Duration BOUND = Duration.ofSeconds(3);

  private static void assertProblem(HttpResponse<String> response, int status, String detailPart) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = TestHttp.tree(response);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("type").asText()).startsWith("urn:vtstatus:problem:");
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).contains(detailPart);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("<html");
  }

  private static void assertStillServes(TestHttp http) {
    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(http.post("/v1/jobs", "{}").statusCode()).isEqualTo(201);
  }

  private static void assertRawProblem(RawHttp.Answer answer, String statusLine) {
    assertThat(answer.statusLine()).isEqualTo(statusLine);
    assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
    assertThat(answer.body()).contains("\"status\":" + answer.status());
  }

  @Test
  void malformedJsonIs400() throws Exception {
    test((server, http) -> {
      assertProblem(http.post("/v1/jobs", "{\"source_language\": "), 400, "malformed JSON");
      assertStillServes(http);
    });
  }

  @Test
  void wrongTypeIs400NamingTheField() throws Exception {
    test((server, http) -> {
      assertProblem(http.post("/v1/jobs", "{\"source_language\": 5}"), 400, "source_language");
      assertProblem(http.post("/v1/jobs", "{\"simulate\": {\"duration_ms\": \"soon\"}}"), 400, "simulate.duration_ms");
      assertProblem(http.post("/v1/jobs", "[1,2]"), 400, "JSON object");
      assertStillServes(http);
    });
  }

  @Test
  void unknownFieldInSimulateIs400NamingIt() throws Exception {
    test((server, http) -> {
      assertProblem(http.post("/v1/jobs", "{\"simulate\": {\"duration\": 5}}"), 400, "simulate.duration");
      assertStillServes(http);
    });
  }

  @Test
  void idThatIsNotAnIdIs400() throws Exception {
    test((server, http) -> {
      assertProblem(http.get("/v1/jobs/not-a-job"), 400, "not a job id");
      assertProblem(http.get("/v1/jobs/" + "a".repeat(1000)), 400, "not a job id");
      assertProblem(http.delete("/v1/jobs/%27%3B--"), 400, "not a job id");
      assertStillServes(http);
    });
  }

  @Test
  void hugeHeadersAre431() throws Exception {
    test((server, http) -> {
      // Given
      String request = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(100 * 1024) + "\r\n\r\n";

      // When
      RawHttp.Answer answer = RawHttp.exchange(server.port(), request);

      // Then
      assertRawProblem(answer, "HTTP/1.1 431 Request Header Fields Too Large");
      assertStillServes(http);
    });
  }

  @Test
  void bodyOnGetIsIgnored() throws Exception {
    test((server, http) -> {
      // Given
      Job job = http.create("{}");

      // When
      HttpResponse<String> response = http.send(http.request("/v1/jobs/" + job.jobId())
          .method("GET", HttpRequest.BodyPublishers.ofString("{\"status\":\"completed\"}")).build());

      // Then
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(TestHttp.job(response).jobId()).isEqualTo(job.jobId());
      assertStillServes(http);
    });
  }

  @Test
  void wrongMethodIs405() throws Exception {
    test((server, http) -> {
      Job job = http.create("{}");
      assertProblem(http.send(http.request("/v1/jobs/" + job.jobId())
          .PUT(HttpRequest.BodyPublishers.ofString("{}")).build()), 405, "PUT");
      assertStillServes(http);
    });
  }

  @Test
  void unknownRouteIs404Problem() throws Exception {
    test((server, http) -> {
      assertProblem(http.get("/nope"), 404, "/nope");
      assertStillServes(http);
    });
  }

  @Test
  void nonJsonContentTypeIs415() throws Exception {
    test((server, http) -> {
      assertProblem(http.send(http.request("/v1/jobs").header("Content-Type", "text/plain")
          .POST(HttpRequest.BodyPublishers.ofString("make me a job")).build()), 415, "application/json");
      assertStillServes(http);
    });
  }

  @Test
  void tenMegabyteBodyIs413() throws Exception {
    test((server, http) -> {
      // Given
      String head = "POST /v1/jobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (10 * 1024 * 1024) + "\r\n\r\n{\"metadata\":{\"x\":\"";

      // When
      RawHttp.Answer answer = RawHttp.exchange(server.port(), head);

      // Then
      assertRawProblem(answer, "HTTP/1.1 413 Request Entity Too Large");
      assertStillServes(http);
    });
  }

  @Test
  void clientDisconnectMidLongPollIsCleanedUp() throws Exception {
    test((server, http) -> {
      // Given
      Job job = http.create("{\"simulate\":{\"duration_ms\":10000}}");
      Socket socket = new Socket("127.0.0.1", server.port());
      socket.getOutputStream().write(("GET /v1/jobs/" + job.jobId() + "?wait=30 HTTP/1.1\r\nHost: localhost\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      await().atMost(BOUND).until(() -> server.stats().parkedLongPolls() == 1);

      // When
      socket.close();

      // Then
      await().atMost(BOUND).until(() -> server.stats().parkedLongPolls() == 0);
      assertStillServes(http);
    });
  }

  @Test
  void clientDisconnectMidStreamIsCleanedUp() throws Exception {
    test((server, http) -> {
      // Given
      RecordingEventStream stream = RecordingEventStream.open(http, "/v1/events");
      await().atMost(BOUND).until(() -> server.stats().openEventStreams() == 1);

      // When
      stream.close();

      // Then
      await().atMost(BOUND).until(() -> server.stats().openEventStreams() == 0);
      assertStillServes(http);
    });
  }

  @Test
  void overlongRequestLineIs414() throws Exception {
    test((server, http) -> {
      // When
      RawHttp.Answer answer = RawHttp.exchange(server.port(),
          "GET /v1/jobs?ids=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

      // Then
      assertRawProblem(answer, "HTTP/1.1 414 Request-URI Too Long");
      assertStillServes(http);
    });
  }

  @Test
  void missingOrTooManyIdsAre400() throws Exception {
    test((server, http) -> {
      String tooMany = String.join(",", java.util.Collections.nCopies(101, "x")).replace("x", "id");
      StringBuilder distinct = new StringBuilder();
      for (int i = 0; i < 101; i++) {
        distinct.append(i == 0 ? "" : ",").append("id").append(i);
      }
      assertProblem(http.get("/v1/jobs"), 400, "ids");
      assertProblem(http.get("/v1/events?ids=" + distinct), 400, "ids");
      assertThat(http.get("/v1/jobs?ids=" + tooMany).statusCode()).isEqualTo(200);
      assertStillServes(http);
    });
  }

  @Test
  void badWaitParameterIs400() throws Exception {
    test((server, http) -> {
      Job job = http.create("{}");
      assertProblem(http.get("/v1/jobs/" + job.jobId() + "?wait=soon"), 400, "wait");
      assertProblem(http.get("/v1/jobs/" + job.jobId() + "?wait=-1"), 400, "wait");
      assertStillServes(http);
    });
  }

  @Test
  void malformedPercentEscapesAre400() throws Exception {
    test((server, http) -> {
      Job job = http.create("{}");
      for (String target : new String[] {"/v1/jobs/%zz", "/v1/jobs?ids=%zz", "/v1/jobs/" + job.jobId() + "?wait=%",
          "/me%zztrics", "/status?job_id=%4"}) {
        RawHttp.Answer answer = RawHttp.exchange(server.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(answer.status()).as(target).isEqualTo(400);
        assertThat(answer.header("content-type")).as(target).isEqualTo("application/problem+json");
        assertThat(answer.body()).as(target).contains("%-escape");
      }
      assertStillServes(http);
    });
  }

  @Test
  void anInvalidChunkSizeIs400AndTheConnectionCloses() throws Exception {
    test((server, http) -> {
      RawHttp.Answer answer = RawHttp.exchange(server.port(), "POST /v1/jobs HTTP/1.1\r\nHost: x\r\n"
          + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
      assertRawProblem(answer, "HTTP/1.1 400 Bad Request");
      assertThat(answer.header("connection")).isEqualTo("close");
      assertStillServes(http);
    });
  }

  @Test
  void formAndMultipartBodiesAreNeverDecoded() throws Exception {
    test((server, http) -> {
      // a form body on a route that takes no body is read and ignored
      for (String type : new String[] {"application/x-www-form-urlencoded", "multipart/form-data; boundary=b"}) {
        RawHttp.Answer health = RawHttp.exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: " + type + "\r\nContent-Length: 9\r\n\r\na=%zz&b=%");
        assertThat(health.status()).as(type).isEqualTo(200);
        // and a create with one is 415, not a job made of defaults
        assertProblem(http.send(http.request("/v1/jobs").header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b--\r\n"))
            .build()), 415, "application/json");
      }
      assertThat(server.stats().jobsCreated()).isZero();
      assertStillServes(http);
    });
  }

  @Test
  void trailingGarbageAfterTheJsonIs400() throws Exception {
    test((server, http) -> {
      assertProblem(http.post("/v1/jobs", "{}x"), 400, "malformed JSON");
      assertProblem(http.post("/v1/jobs", "{}{}"), 400, "malformed JSON");
      assertThat(server.stats().jobsCreated()).isZero();
      assertStillServes(http);
    });
  }

  @Test
  void decoderRejectionsAreAnsweredInHttp11() throws Exception {
    test((server, http) -> {
      assertRawProblem(RawHttp.exchange(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"),
          "HTTP/1.1 400 Bad Request");
      assertRawProblem(RawHttp.exchange(server.port(), "GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n"),
          "HTTP/1.1 400 Bad Request");
      assertStillServes(http);
    });
  }

  @Test
  void transferCodingsOtherThanChunkedAreRefused() throws Exception {
    test((server, http) -> {
      for (String coding : new String[] {"xchunked", "chunked, gzip", "identity"}) {
        RawHttp.Answer answer = RawHttp.exchange(server.port(), "POST /v1/jobs HTTP/1.1\r\nHost: x\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: " + coding + "\r\nContent-Length: 2\r\n\r\n{}");
        assertRawProblem(answer, "HTTP/1.1 400 Bad Request");
      }
      assertThat(RawHttp.exchange(server.port(), "POST /v1/jobs HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n"
          + "Content-Length: 2\r\n\r\n{}").body()).contains("Transfer-Encoding 'xchunked' is not supported");
      assertThat(server.stats().jobsCreated()).isZero();
      assertStillServes(http);
    });
  }

  @Test
  void simulatedDurationOverTheLimitIs400NamingIt() throws Exception {
    test(ServerTesting.fastConfig().maxSimulatedDuration(Duration.ofMinutes(5)), (server, http) -> {
      assertProblem(http.post("/v1/jobs", "{\"simulate\":{\"duration_ms\":300001}}"), 400, "300000");
      assertThat(http.post("/v1/jobs", "{\"simulate\":{\"duration_ms\":300000}}").statusCode()).isEqualTo(201);
      assertStillServes(http);
    });
  }
}
