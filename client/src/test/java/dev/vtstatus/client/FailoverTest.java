package dev.vtstatus.client;

import static dev.vtstatus.client.fakes.FakeJobServer.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.client.fakes.FakeTransport.Reply;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Protocol;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailoverTest {
  private static final String A = "http://127.0.0.1:5001";
  private static final String B = "http://127.0.0.1:5002";
  private static final String C = "http://127.0.0.1:5003";

  /** Replicas (by port) that are down, and how a request to one fails. */
  private final Set<Integer> down = ConcurrentHashMap.newKeySet();

  private ClientHarness harness(Function<Integer, Reply> failure, WaitStrategy strategy) {
    ClientHarness h = ClientHarness.create(b -> b.baseUrls(A, B, C).waitStrategy(strategy)
        .protocol(ProtocolMode.V1).timeout(Duration.ofSeconds(60)));
    return h.serveWith(call -> down.contains(call.uri().getPort())
        ? failure.apply(call.uri().getPort()) : h.server.apply(call));
  }

  private static Reply refused(int port) {
    return Reply.fail(new ConnectException("Connection refused: " + port));
  }

  private void goesDown(ClientHarness h, int port, long afterMillis) {
    h.scheduler.schedule(() -> {
      down.add(port);
    }, afterMillis, TimeUnit.MILLISECONDS);
  }

  /** Every request so far as port and path, for example {@code 5001 /v1/jobs/a}. */
  private static List<String> sent(ClientHarness h) {
    return h.transport.calls().stream().map(Recorded::call)
        .map(c -> c.uri().getPort() + " " + c.uri().getRawPath()).toList();
  }

  private static List<Integer> ports(ClientHarness h) {
    return h.transport.calls().stream().map(Recorded::call).map(c -> c.uri().getPort()).toList();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aWaitMovesToTheNextReplicaWhenItsReplicaRefusesConnections(Mode mode) {
    try (ClientHarness h = harness(FailoverTest::refused, WaitStrategy.fixed(Duration.ofSeconds(1)))) {
      // Given: a 3 s job, read on A until A goes away after 1.5 s
      h.server.addJob("a", Duration.ofSeconds(3), JobStatus.COMPLETED);
      goesDown(h, 5001, 1_500);

      // When
      Job job = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then: reads on A until one is refused, the rest on B; one switch, reported once
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(sent(h)).containsExactly("5001 /v1/capabilities",
          "5001 /v1/jobs/a", "5001 /v1/jobs/a", "5001 /v1/jobs/a", "5002 /v1/jobs/a", "5002 /v1/jobs/a");
      assertThat(h.listener.events("switched")).containsExactly("switched a 5001->5002");
      assertThat(h.listener.events("finished")).containsExactly("finished a completed");
      ClientMetrics metrics = h.client.metrics();
      assertThat(metrics.replicaSwitches()).isEqualTo(1);
      assertThat(metrics.replicaRequests()).isEqualTo(Map.of(A, 4L, B, 2L));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCreateKeepsItsIdempotencyKeyAcrossTheSwitchSoItMakesOneJob(Mode mode) {
    try (ClientHarness h = harness(
        port -> Reply.fail(new IOException("Connection reset")), WaitStrategy.fixed(Duration.ofSeconds(1)))) {
      // Given: the client knows the server; then A resets every connection (a request may reach it)
      h.server.addJob("known", Duration.ZERO, JobStatus.COMPLETED);
      h.call(mode, c -> c.getStatus("known"), c -> c.getStatusAsync("known"));
      down.add(5001);
      JobRequest request = JobRequest.builder().sourceLanguage("en").targetLanguage("es").build();

      // When
      Job created = h.call(mode, c -> c.createJob(request), c -> c.createJobAsync(request));

      // Then: two resets on A, then B; every attempt carried the same key; one job exists
      List<Recorded> creates = h.transport.calls("POST", "/v1/jobs");
      assertThat(creates).extracting(c -> c.call().uri().getPort()).containsExactly(5001, 5001, 5002);
      assertThat(creates).extracting(c -> c.header(Protocol.IDEMPOTENCY_KEY_HEADER))
          .doesNotContainNull().containsOnly(creates.get(0).header(Protocol.IDEMPOTENCY_KEY_HEADER));
      assertThat(h.server.jobCount()).isEqualTo(2);
      assertThat(h.server.job(created.jobId())).isNotNull();
      assertThat(h.listener.events("switched")).containsExactly("switched null 5001->5002");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aGatewayErrorIsRetriedOnTheSameReplicaOnceBeforeTheClientLeavesIt(Mode mode) {
    try (ClientHarness h = harness(
        port -> Reply.now(problem(502, "bad gateway", Map.of())), WaitStrategy.fixed(Duration.ofSeconds(1)))) {
      // Given: a finished job; A answers 502 to everything
      h.server.addJob("a", Duration.ZERO, JobStatus.COMPLETED);
      down.add(5001);

      // When
      Job job = h.call(mode, c -> c.getStatus("a"), c -> c.getStatusAsync("a"));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(sent(h)).containsExactly(
          "5001 /v1/capabilities", "5001 /v1/capabilities", "5002 /v1/capabilities", "5002 /v1/jobs/a");
      assertThat(h.listener.events("switched")).containsExactly("switched null 5001->5002");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anErrorOfTheRequestItselfStaysOnTheReplica(Mode mode) {
    try (ClientHarness h = harness(
        port -> Reply.now(problem(500, "bug", Map.of())), WaitStrategy.fixed(Duration.ofSeconds(1)))) {
      // Given: A answers 500 (alive, but failing), then recovers
      h.server.addJob("a", Duration.ZERO, JobStatus.COMPLETED);
      down.add(5001);
      h.scheduler.schedule(() -> {
        down.remove(5001);
      }, 400, TimeUnit.MILLISECONDS);

      // When
      Job job = h.call(mode, c -> c.getStatus("a"), c -> c.getStatusAsync("a"));

      // Then: retried on A until it answered; never switched
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(ports(h)).containsOnly(5001).hasSizeGreaterThan(2);
      assertThat(h.listener.events("switched")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void manyWaitsFailingOnOneDeadReplicaSwitchOnceAndEachJobIsReportedOnce(Mode mode) {
    try (ClientHarness h = harness(FailoverTest::refused, WaitStrategy.fixed(Duration.ofSeconds(1)))) {
      // Given: five 2 s jobs read on A, which dies after 0.5 s
      List<String> ids = List.of("j1", "j2", "j3", "j4", "j5");
      ids.forEach(id -> h.server.addJob(id, Duration.ofSeconds(2), JobStatus.COMPLETED));
      goesDown(h, 5001, 500);

      // When
      Map<String, Job> done = h.call(mode, c -> c.waitForAll(ids), c -> c.waitForAllAsync(ids));

      // Then
      assertThat(done).hasSize(5).allSatisfy((id, job) -> assertThat(job.status()).isEqualTo(JobStatus.COMPLETED));
      assertThat(h.listener.events("switched")).hasSize(1).allMatch(e -> e.endsWith("5001->5002"));
      assertThat(h.listener.events("finished")).hasSize(5).doesNotHaveDuplicates();
      assertThat(h.client.metrics().replicaSwitches()).isEqualTo(1);
      assertThat(h.client.metrics().successfulJobs()).isEqualTo(5);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theAuditLogSaysWhichReplicaAnsweredAndWhenTheClientSwitched(Mode mode) {
    List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    ClientHarness h = ClientHarness.create(b -> b.baseUrls(A, B, C).auditSink(audit::add)
        .waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1))).protocol(ProtocolMode.V1));
    try (h) {
      h.serveWith(call -> down.contains(call.uri().getPort()) ? refused(call.uri().getPort()) : h.server.apply(call));
      // Given: A and B are down
      h.server.addJob("a", Duration.ofSeconds(1), JobStatus.COMPLETED);
      down.add(5001);
      down.add(5002);

      // When
      h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then
      List<AuditEvent> switches = audit.stream().filter(e -> e.type().equals("replica_switched")).toList();
      assertThat(switches).extracting(e -> e.details().get("from") + "->" + e.details().get("to"))
          .containsExactly(A + "->" + B, B + "->" + C);
      assertThat(switches.get(0).details().get("reason").toString()).contains("Connection refused");
      assertThat(audit).filteredOn(e -> e.type().equals("job_completed"))
          .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("replica", C));
    }
  }
}
