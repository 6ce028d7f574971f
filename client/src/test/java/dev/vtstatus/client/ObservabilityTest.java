package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.client.ClientHarness.Mode;
import dev.vtstatus.client.fakes.FakeJobServer;
import dev.vtstatus.client.fakes.FakeTransport.Recorded;
import dev.vtstatus.client.fakes.FakeTransport.Reply;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.Simulation;
import dev.vtstatus.protocol.TraceParent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ObservabilityTest {

  private static JobRequest lasting(long millis, JobStatus outcome) {
    return JobRequest.builder().simulate(new Simulation(Duration.ofMillis(millis), outcome)).build();
  }

  private static Job createAndWait(ClientHarness h, Mode mode, JobRequest request) {
    Job created = h.call(mode, c -> c.createJob(request), c -> c.createJobAsync(request));
    return h.call(mode, c -> c.waitForResult(created.jobId()), c -> c.waitForResultAsync(created.jobId()));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void metricsCountJobsNotPollsWithTheSeedKeys(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1)))
        .timeout(Duration.ofSeconds(10)))) {
      // Given: 2 s completed, 3 s completed, 1.5 s error, and one that outlives its 10 s wait
      createAndWait(h, mode, lasting(2_000, JobStatus.COMPLETED));
      createAndWait(h, mode, lasting(3_000, JobStatus.COMPLETED));
      createAndWait(h, mode, lasting(1_500, JobStatus.ERROR));
      assertThatThrownBy(() -> createAndWait(h, mode, lasting(60_000, JobStatus.COMPLETED)))
          .isInstanceOf(WaitTimeoutException.class);

      // When
      Map<String, Object> map = h.client.metrics().toMap();

      // Then: polls at 0,1,2 / 0,1,2,3 / 0,1,2 / 0..9 = 3 + 4 + 3 + 10 requests, 17 of them pending
      assertThat(map).containsEntry("total_jobs", 4L)
          .containsEntry("successful_jobs", 2L)
          .containsEntry("failed_jobs", 1L)
          .containsEntry("timed_out_jobs", 1L)
          .containsEntry("success_rate", 0.5)
          .containsEntry("min_processing_time", 1.5)
          .containsEntry("max_processing_time", 3.0)
          .containsEntry("p50_processing_time", 2.0)
          .containsEntry("status_requests", 20L)
          .containsEntry("requests_per_job", 5.0)
          .containsEntry("status_distribution", Map.of("pending", 17L, "completed", 2L, "error", 1L));
      assertThat((double) map.get("avg_processing_time")).isCloseTo(6.5 / 3, org.assertj.core.api.Assertions.within(1e-6));
      assertThat(map.get("detection_latency_ms")).isEqualTo(Map.of("p50", 0L, "p95", 500L, "max", 500L));
      assertThat(map.keySet()).startsWith("total_jobs", "successful_jobs", "failed_jobs", "success_rate",
          "avg_processing_time", "min_processing_time", "max_processing_time", "status_distribution");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyRequestCarriesATraceparentAndAJobKeepsOneTrace(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1))))) {
      // When
      Job a = createAndWait(h, mode, lasting(2_000, JobStatus.COMPLETED));
      Job b = createAndWait(h, mode, lasting(1_000, JobStatus.COMPLETED));

      // Then
      List<TraceParent> all = h.transport.calls().stream()
          .map(r -> TraceParent.parse(r.header("traceparent")).orElseThrow()).toList();
      assertThat(all).hasSize(h.transport.calls().size());
      assertThat(all.stream().map(TraceParent::spanId).distinct().count()).isEqualTo(all.size());
      Set<String> traceA = traceIds(h, a.jobId());
      Set<String> traceB = traceIds(h, b.jobId());
      assertThat(traceA).hasSize(1);
      assertThat(traceB).hasSize(1).doesNotContainAnyElementsOf(traceA);
    }
  }

  private static Set<String> traceIds(ClientHarness h, String jobId) {
    List<Recorded> calls = h.transport.calls();
    List<Recorded> mine = new ArrayList<>(h.transport.calls("GET", "/v1/jobs/" + jobId));
    int create = Integer.parseInt(jobId.substring("job-".length())) - 1;
    mine.add(h.transport.calls("POST", "/v1/jobs").get(create));
    return mine.stream().map(r -> TraceParent.parse(r.header("traceparent")).orElseThrow().traceId())
        .collect(Collectors.toSet());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void auditLogHasOneJsonLinePerEventWithTheCommonFields(Mode mode, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit/client.jsonl");
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1)))
        .auditLog(file).rateLimit(1).timeout(Duration.ofSeconds(5)))) {
      // Given: one 503 to retry; a completed, a failed and a timed-out job
      h.server.script(c -> c.uri().getPath().equals("/v1/jobs/job-1"),
          Reply.now(FakeJobServer.problem(503, "busy", Map.of())));
      createAndWait(h, mode, lasting(2_000, JobStatus.COMPLETED));
      createAndWait(h, mode, lasting(1_000, JobStatus.ERROR));
      assertThatThrownBy(() -> createAndWait(h, mode, lasting(60_000, JobStatus.COMPLETED)))
          .isInstanceOf(WaitTimeoutException.class);
    }

    // When
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(Json.mapper().readTree(line));
    }

    // Then
    assertThat(lines).extracting(n -> n.get("event").asText()).contains(
        "job_created", "status_polled", "status_changed", "job_completed", "job_failed", "job_timed_out",
        "request_retried", "rate_limited");
    assertThat(lines).allSatisfy(n -> assertThat(n.has("timestamp") && n.has("job_id") && n.has("trace_id")
        && n.has("attempt") && n.has("elapsed_ms")).isTrue());
    JsonNode completed = lines.stream().filter(n -> n.get("event").asText().equals("job_completed")).findFirst().orElseThrow();
    assertThat(completed.get("job_id").asText()).isEqualTo("job-1");
    assertThat(completed.get("trace_id").asText()).matches("[0-9a-f]{32}");
    // The client creates before it reads the capabilities, so at 1 request/s the wait's first
    // second goes to that read: polls at 1, 2 and 3 s.
    assertThat(completed.get("elapsed_ms").asLong()).isEqualTo(3_000L);
    JsonNode timedOut = lines.stream().filter(n -> n.get("event").asText().equals("job_timed_out")).findFirst().orElseThrow();
    assertThat(timedOut.get("elapsed_ms").asLong()).isEqualTo(5_000L);
    assertThat(timedOut.get("last_status").asText()).isEqualTo("pending");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void openTelemetryGetsASpanPerWaitWithAChildPerRequestWhoseIdIsSent(Mode mode) {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .build();
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1)))
        .openTelemetry(otel))) {
      // When
      Job job = createAndWait(h, mode, lasting(1_000, JobStatus.COMPLETED));

      // Then
      List<SpanData> spans = exporter.getFinishedSpanItems();
      SpanData wait = spans.stream().filter(s -> s.getName().equals("vtstatus.wait")).findFirst().orElseThrow();
      SpanData create = spans.stream().filter(s -> s.getName().equals("vtstatus.create")).findFirst().orElseThrow();
      List<SpanData> reads = spans.stream().filter(s -> s.getParentSpanId().equals(wait.getSpanId())).toList();
      assertThat(reads).hasSize(2).allSatisfy(s -> assertThat(s.getName()).isEqualTo("GET"));
      assertThat(wait.getTraceId()).isEqualTo(create.getTraceId());
      assertThat(wait.getAttributes().asMap().values()).contains(job.jobId(), "completed");
      List<String> sentSpanIds = h.transport.calls("GET", "/v1/jobs/").stream()
          .map(r -> TraceParent.parse(r.header("traceparent")).orElseThrow().spanId()).toList();
      assertThat(sentSpanIds).containsExactlyInAnyOrderElementsOf(reads.stream().map(SpanData::getSpanId).toList());
    } finally {
      otel.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void micrometerRegistryGetsCountersAndTimers(Mode mode) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1)))
        .meterRegistry(registry))) {
      // When
      createAndWait(h, mode, lasting(2_000, JobStatus.COMPLETED));

      // Then
      assertThat(registry.get("vtstatus.client.jobs").tag("outcome", "completed").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("vtstatus.client.requests").tag("method", "GET").counter().count()).isEqualTo(4.0);
      assertThat(registry.get("vtstatus.client.wait").timer().count()).isEqualTo(1);
      assertThat(registry.get("vtstatus.client.detection_latency").timer().count()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aThrowingListenerIsIgnoredAndTheOthersStillHear(Mode mode) {
    WaitListener throwing = new WaitListener() {
      @Override
      public void statusPolled(String jobId, Job job, Duration elapsed) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void jobFinished(String jobId, Job job, WaitSummary summary) {
        throw new IllegalStateException("listener bug");
      }
    };
    try (ClientHarness h = ClientHarness.create(b -> b.waitStrategy(WaitStrategy.fixed(Duration.ofSeconds(1)))
        .addListener(throwing))) {
      // When
      Job job = createAndWait(h, mode, lasting(1_000, JobStatus.COMPLETED));

      // Then
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(h.listener.events("finished")).containsExactly("finished job-1 completed");
      assertThat(h.client.metrics().successfulJobs()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void rateLimitSpacesRequestsOfAllJobsWithoutBlockingAThread(Mode mode) {
    try (ClientHarness h = ClientHarness.create(b -> b.protocol(ProtocolMode.SEED).rateLimit(2))) {
      // Given
      for (int i = 0; i < 5; i++) {
        h.server.addJob("j" + i, Duration.ZERO, JobStatus.COMPLETED);
      }
      java.time.Instant start = h.clock.instant();

      // When
      for (int i = 0; i < 5; i++) {
        String id = "j" + i;
        h.call(mode, c -> c.getStatus(id), c -> c.getStatusAsync(id));
      }

      // Then: a burst of 2, then one every 500 ms
      assertThat(h.transport.calls()).extracting(r -> Duration.between(start, r.at()).toMillis())
          .containsExactly(0L, 0L, 500L, 1_000L, 1_500L);
      assertThat(h.listener.rateLimitDelays()).containsExactly(
          Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
    }
  }
}
