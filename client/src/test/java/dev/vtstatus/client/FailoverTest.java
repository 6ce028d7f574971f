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
import java.time.Instant;
import dev.vtstatus.testing.FakeClock;
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

  /** The requests to {@code port} at or after {@code from} ms of the fake clock, as paths. */
  private static List<String> sentTo(ClientHarness h, int port, long from) {
    Instant since = FakeClock.DEFAULT_START.plusMillis(from);
    return h.transport.calls().stream().filter(r -> !r.at().isBefore(since))
        .map(Recorded::call).filter(c -> c.uri().getPort() == port).map(c -> c.uri().getRawPath()).toList();
  }

  /** Waits for job {@code a} of {@code length}, read every second, while A goes away after 1.5 s. */
  private Job waitThroughAnOutageOfA(ClientHarness h, Mode mode, Duration length) {
    h.server.addJob("a", length, JobStatus.COMPLETED);
    goesDown(h, 5001, 1_500);
    return h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));
  }

  private static List<Integer> ports(ClientHarness h) {
    return h.transport.calls().stream().map(Recorded::call).map(c -> c.uri().getPort()).toList();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void spreadsAWaitsReadsOverEveryReplicaInTurn(Mode mode) {
    try (ClientHarness h = harness(FailoverTest::refused, WaitStrategy.fixed(Duration.ofSeconds(1)))) {
      // Given: a 3 s job read every second
      h.server.addJob("a", Duration.ofSeconds(3), JobStatus.COMPLETED);

      // When
      Job job = h.call(mode, c -> c.waitForResult("a"), c -> c.waitForResultAsync("a"));

      // Then: each request goes to the next replica
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(sent(h)).containsExactly("5001 /v1/capabilities",
          "5002 /v1/jobs/a", "5003 /v1/jobs/a", "5001 /v1/jobs/a", "5002 /v1/jobs/a");
      assertThat(h.client.metrics().replicaRequests()).isEqualTo(Map.of(A, 2L, B, 2L, C, 1L));
      assertThat(h.listener.events("switched")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aReplicaThatRefusesConnectionsIsSetAsideAndTheOthersServeTheWait(Mode mode) {
    try (ClientHarness h = harness(FailoverTest::refused, WaitStrategy.fixed(Duration.ofSeconds(1)))) {
      // Given / When: a 6 s job read every second; A goes away after 1.5 s
      Job job = waitThroughAnOutageOfA(h, mode, Duration.ofSeconds(6));

      // Then: one read was refused on A; after it A only had health probes; one switch
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      List<String> onA = sentTo(h, 5001, 1_500);
      assertThat(onA.get(0)).isEqualTo("/v1/jobs/a");
      assertThat(onA.subList(1, onA.size())).isNotEmpty().containsOnly("/healthz");
      assertThat(h.listener.events("switched")).containsExactly("switched a 5001->5002");
      assertThat(h.listener.events("recovered")).isEmpty();
      assertThat(h.listener.events("finished")).containsExactly("finished a completed");
      assertThat(h.client.metrics().replicaSwitches()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aReplicaThatComesBackIsProbedAndTakesRequestsAgain(Mode mode) {
    try (ClientHarness h = harness(FailoverTest::refused, WaitStrategy.fixed(Duration.ofSeconds(1)))) {
      // Given / When: a 12 s job read every second; A is away from 1.5 s to 4 s
      h.scheduler.schedule(() -> {
        down.remove(5001);
      }, 4_000, TimeUnit.MILLISECONDS);
      Job job = waitThroughAnOutageOfA(h, mode, Duration.ofSeconds(12));

      // Then: probed while away (the 1 s backoff, then 2 s), back once a probe answered
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(h.listener.events("recovered")).containsExactly("recovered 5001");
      List<String> onA = sentTo(h, 5001, 1_500);
      int firstReadBack = onA.subList(1, onA.size()).indexOf("/v1/jobs/a") + 1;
      assertThat(onA.subList(1, firstReadBack)).isNotEmpty().containsOnly("/healthz");
      assertThat(sentTo(h, 5001, 4_000)).contains("/healthz", "/v1/jobs/a");
      assertThat(sentTo(h, 5001, 8_000)).contains("/v1/jobs/a");
      assertThat(h.listener.events("switched")).containsExactly("switched a 5001->5002");
      assertThat(h.listener.events("finished")).containsExactly("finished a completed");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCreateKeepsItsIdempotencyKeyOnEveryReplicaItTriesSoItMakesOneJob(Mode mode) {
    try (ClientHarness h = harness(
        port -> Reply.fail(new IOException("Connection reset")), WaitStrategy.fixed(Duration.ofSeconds(1)))) {
      // Given: the client knows the server (A, then B); then C and A reset every connection,
      // after a request may have reached them
      h.server.addJob("known", Duration.ZERO, JobStatus.COMPLETED);
      h.call(mode, c -> c.getStatus("known"), c -> c.getStatusAsync("known"));
      down.add(5003);
      down.add(5001);
      JobRequest request = JobRequest.builder().sourceLanguage("en").targetLanguage("es").build();

      // When
      Job created = h.call(mode, c -> c.createJob(request), c -> c.createJobAsync(request));

      // Then: tried on C, A, then B, every attempt with the same key; one job exists
      List<Recorded> creates = h.transport.calls("POST", "/v1/jobs");
      assertThat(creates).extracting(c -> c.call().uri().getPort()).containsExactly(5003, 5001, 5002);
      assertThat(creates).extracting(c -> c.header(Protocol.IDEMPOTENCY_KEY_HEADER))
          .doesNotContainNull().containsOnly(creates.get(0).header(Protocol.IDEMPOTENCY_KEY_HEADER));
      assertThat(h.server.jobCount()).isEqualTo(2);
      assertThat(h.server.job(created.jobId())).isNotNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aReplicaAnsweringGatewayErrorsIsSetAsideAfterTwoInARow(Mode mode) {
    try (ClientHarness h = harness(
        port -> Reply.now(problem(502, "bad gateway", Map.of())), WaitStrategy.fixed(Duration.ofSeconds(1)))) {
      // Given: a finished job; A answers 502 to everything
      h.server.addJob("a", Duration.ZERO, JobStatus.COMPLETED);
      down.add(5001);

      // When: two reads
      Job first = h.call(mode, c -> c.getStatus("a"), c -> c.getStatusAsync("a"));
      Job second = h.call(mode, c -> c.getStatus("a"), c -> c.getStatusAsync("a"));

      // Then: each 502 was retried on the next replica; the second in a row set A aside
      assertThat(first.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(second.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(sent(h)).containsExactly("5001 /v1/capabilities", "5002 /v1/capabilities",
          "5003 /v1/jobs/a", "5001 /v1/jobs/a", "5002 /v1/jobs/a");
      assertThat(h.listener.events("switched")).containsExactly("switched a 5001->5002");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anErrorOfTheRequestItselfKeepsTheReplicaInService(Mode mode) {
    try (ClientHarness h = harness(
        port -> Reply.now(problem(500, "bug", Map.of())), WaitStrategy.fixed(Duration.ofSeconds(1)))) {
      // Given: A answers 500 (alive, but failing)
      h.server.addJob("a", Duration.ZERO, JobStatus.COMPLETED);
      down.add(5001);

      // When: two reads
      h.call(mode, c -> c.getStatus("a"), c -> c.getStatusAsync("a"));
      Job job = h.call(mode, c -> c.getStatus("a"), c -> c.getStatusAsync("a"));

      // Then: A kept its turn after its 500s, and never was set aside
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(ports(h)).containsExactly(5001, 5002, 5003, 5001, 5002);
      assertThat(h.listener.events("switched")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void manyWaitsFailingOnOneDeadReplicaSwitchOnceAndEachJobIsReportedOnce(Mode mode) {
    try (ClientHarness h = harness(FailoverTest::refused, WaitStrategy.fixed(Duration.ofSeconds(1)))) {
      // Given: five 2 s jobs read over the replicas; A dies after 0.5 s
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
      assertThat(h.client.metrics().replicaRequests()).containsKeys(A, B, C);
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
