package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeJobServer;
import dev.vtstatus.client.fakes.FakeSeedDialect;
import dev.vtstatus.client.fakes.FakeTransport.Reply;
import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client against every kind of server it meets: a version 1 server, the vtstatus server with
 * only its seed routes, the original seed server, and a server of another dialect of the seed
 * protocol. Each creates, reads, waits, reports an unknown job and writes the audit log the same.
 */
class ServerKindsTest {

  /** A kind of server, set up in front of the harness's fake server. */
  enum Kind {
    V1(h -> {}),
    VTSTATUS_SEED_ONLY(h -> h.server.seedOnly()),
    ORIGINAL(h -> h.serveWith(FakeSeedDialect.original().over(h.server))),
    JOBS_AND_QUERY(h -> h.serveWith(FakeSeedDialect.jobsAndQuery().over(h.server)));

    private final Consumer<ClientHarness> setUp;

    Kind(Consumer<ClientHarness> setUp) {
      this.setUp = setUp;
    }
  }

  static Stream<Arguments> kindsAndModes() {
    return Stream.of(Kind.values()).flatMap(k -> Stream.of(Mode.values()).map(m -> Arguments.of(k, m)));
  }

  private static ClientHarness harness(Kind kind, Path audit) {
    ClientHarness h = ClientHarness.create(b -> {
      b.timeout(Duration.ofMinutes(1));
      return audit == null ? b : b.auditLog(audit);
    });
    kind.setUp.accept(h);
    h.server.defaultDuration(Duration.ofSeconds(3));
    return h;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("kindsAndModes")
  void everyJobGetsExactlyOneTerminalAuditLine(Kind kind, Mode mode, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    String created;
    try (ClientHarness h = harness(kind, file)) {
      // Given: a job this client creates, and one someone else created that will fail
      h.server.addJob("elsewhere", Duration.ofSeconds(2), JobStatus.ERROR);
      created = h.call(mode, c -> c.createJob(), c -> c.createJobAsync(JobRequest.EMPTY)).jobId();

      // When
      Job mine = h.call(mode, c -> c.waitForResult(created), c -> c.waitForResultAsync(created));
      Job theirs = h.call(mode, c -> c.waitForResult("elsewhere"), c -> c.waitForResultAsync("elsewhere"));
      assertThat(mine.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(theirs.status()).isEqualTo(JobStatus.ERROR);
    }

    // Then
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(Json.mapper().readTree(line));
    }
    Map<String, List<String>> terminal = lines.stream()
        .filter(n -> List.of("job_completed", "job_failed").contains(n.get("event").asText()))
        .collect(Collectors.groupingBy(n -> n.get("job_id").asText(),
            Collectors.mapping(n -> n.get("event").asText(), Collectors.toList())));
    assertThat(terminal).isEqualTo(Map.of(created, List.of("job_completed"), "elsewhere", List.of("job_failed")));
    JsonNode firstChange = lines.stream()
        .filter(n -> n.get("event").asText().equals("status_changed") && n.get("job_id").asText().equals("elsewhere"))
        .findFirst().orElseThrow();
    assertThat(firstChange.get("from").isNull()).as("a job first seen has no previous status").isTrue();
    JsonNode done = lines.stream().filter(n -> n.get("event").asText().equals("job_completed")).findFirst().orElseThrow();
    assertThat(done.has("detection_latency_ms")).isTrue();
    assertThat(done.get("detection_latency_ms").isNull()).isEqualTo(kind != Kind.V1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aTimeoutWithNoStatusSeenAndAnErrorWithoutAMessageAreRecordedToo(Mode mode, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (ClientHarness h = ClientHarness.create(b -> b.protocol(ProtocolMode.SEED).auditLog(file))) {
      // Given: one job whose reads never answer in time, one the server says failed, with no message
      h.server.addJob("silent", Duration.ofMinutes(5), JobStatus.COMPLETED);
      h.server.addJob("failed", Duration.ZERO, JobStatus.ERROR);
      h.server.script(c -> c.uri().getPath().equals("/status/silent"),
          Reply.later(Duration.ofHours(1), () -> FakeJobServer.json(200, Map.of("result", "pending"), Map.of())));
      h.server.script(c -> c.uri().getPath().equals("/status/failed"),
          Reply.now(FakeJobServer.json(200, Map.of("result", "error"), Map.of())));

      // When
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForResult("silent", Duration.ofSeconds(5)),
          c -> c.waitForResultAsync("silent", Duration.ofSeconds(5)))).isInstanceOf(WaitTimeoutException.class);
      Job failed = h.call(mode, c -> c.waitForResult("failed"), c -> c.waitForResultAsync("failed"));
      assertThat(failed.status()).isEqualTo(JobStatus.ERROR);
    }

    // Then: both final lines are there, the unknown values as null
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(Json.mapper().readTree(line));
    }
    JsonNode timedOut = lines.stream().filter(n -> n.get("event").asText().equals("job_timed_out")).findFirst().orElseThrow();
    assertThat(timedOut.get("job_id").asText()).isEqualTo("silent");
    assertThat(timedOut.get("last_status").isNull()).isTrue();
    JsonNode jobFailed = lines.stream().filter(n -> n.get("event").asText().equals("job_failed")).findFirst().orElseThrow();
    assertThat(jobFailed.get("job_id").asText()).isEqualTo("failed");
    assertThat(jobFailed.get("error_message").isNull()).isTrue();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("kindsAndModes")
  void anUnknownJobIsJobNotFoundForAReadAndAWait(Kind kind, Mode mode) {
    try (ClientHarness h = harness(kind, null)) {
      // When / Then
      assertThatThrownBy(() -> h.call(mode, c -> c.getStatus("no-such-job"), c -> c.getStatusAsync("no-such-job")))
          .isInstanceOfSatisfying(JobNotFoundException.class, e -> assertThat(e.jobId()).isEqualTo("no-such-job"));
      assertThatThrownBy(() -> h.call(mode, c -> c.waitForResult("no-such-job"), c -> c.waitForResultAsync("no-such-job")))
          .isInstanceOf(JobNotFoundException.class);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("kindsAndModes")
  void theDialectFoundOnceServesEveryLaterCall(Kind kind, Mode mode) {
    try (ClientHarness h = harness(kind, null)) {
      // Given: the first create and read find the routes
      String first = h.call(mode, c -> c.createJob(), c -> c.createJobAsync(JobRequest.EMPTY)).jobId();
      h.call(mode, c -> c.getStatus(first), c -> c.getStatusAsync(first));
      int before = h.transport.calls().size();

      // When
      String second = h.call(mode, c -> c.createJob(), c -> c.createJobAsync(JobRequest.EMPTY)).jobId();
      Job read = h.call(mode, c -> c.getStatus(second), c -> c.getStatusAsync(second));

      // Then: one request each
      assertThat(read.status()).isEqualTo(JobStatus.PENDING);
      List<String> later = h.transport.calls().subList(before, h.transport.calls().size()).stream()
          .map(r -> r.method() + " " + r.pathAndQuery()).toList();
      String create = switch (kind) {
        case V1 -> "POST /v1/jobs";
        case JOBS_AND_QUERY -> "POST /jobs";
        default -> "POST /job";
      };
      String status = switch (kind) {
        case V1 -> "GET /v1/jobs/" + second;
        case JOBS_AND_QUERY -> "GET /status?job_id=" + second;
        default -> "GET /status/" + second;
      };
      assertThat(later).containsExactly(create, status);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anotherWebServerIsSaidNotToBeAVtstatusServer(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b)) {
      // Given: every route answers an HTML 404
      h.serveWith(FakeSeedDialect.notVtstatus());

      // When / Then
      assertThatThrownBy(() -> h.call(mode, c -> c.createJob(), c -> c.createJobAsync(JobRequest.EMPTY)))
          .isInstanceOf(InvalidResponseException.class)
          .hasMessageContaining("not a vtstatus server");
      assertThatThrownBy(() -> h.call(mode, c -> c.getStatus("abc"), c -> c.getStatusAsync("abc")))
          .isInstanceOf(InvalidResponseException.class)
          .hasMessageContaining("not a vtstatus server");
      assertThat(h.transport.calls()).extracting(Recorded::pathAndQuery)
          .containsExactly("/v1/capabilities", "/job", "/jobs", "/status/abc", "/status?job_id=abc");
    }
  }
}
