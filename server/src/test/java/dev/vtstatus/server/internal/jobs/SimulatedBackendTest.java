package dev.vtstatus.server.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.WebhookSignature;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import dev.vtstatus.server.internal.store.CreateRequest;
import dev.vtstatus.server.internal.store.JobRecord;
import dev.vtstatus.server.internal.store.memory.MemoryStore;
import dev.vtstatus.server.internal.trace.ServerTracing;
import io.vertx.core.Vertx;
import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedBackendTest {
  private static final CreateRequest ONE_DAY =
      new CreateRequest(null, null, null, null, null, null, Duration.ofDays(1), JobStatus.COMPLETED);

  private Vertx vertx;
  private MemoryStore store;
  private SimulatedBackend backend;

  @BeforeEach
  void startEngine() {
    vertx = Vertx.vertx();
    store = new MemoryStore(1, 100);
    ServerConfig config = ServerConfig.builder().minDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(200))
        .seed(42L).maxJobs(1).build();
    backend = new SimulatedBackend(vertx, config, new ServerMetrics(store.jobs()::retained), ServerTracing.NONE, store,
        WebhookSignature.newSecret());
    backend.start().await();
  }

  @AfterEach
  void stopEngine() {
    backend.close();
    vertx.close().await();
  }

  private WeakReference<JobRecord> createAndCancel() {
    JobRecord job = backend.create(ONE_DAY, JsonNodeFactory.instance.objectNode(), 0, null, Traces.newTraceId(), null)
        .await().job();
    assertThat(backend.cancel(job.id()).await().won()).isTrue();
    return new WeakReference<>(job);
  }

  @Test
  void canceledAndEvictedJobIsNotHeldByItsEndTimer() {
    // Given
    WeakReference<JobRecord> canceled = createAndCancel();

    // When
    int evicted = backend.create(ONE_DAY, JsonNodeFactory.instance.objectNode(), 0, null, Traces.newTraceId(), null)
        .await().evicted().size();

    // Then
    assertThat(evicted).isEqualTo(1);
    assertThat(store.jobs().retained()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      System.gc();
      return canceled.get() == null;
    });
  }
}
