package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.WebhookSignature;
import io.vertx.core.Vertx;
import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobEngineTest {
  private static final CreateRequest ONE_DAY =
      new CreateRequest(null, null, null, null, null, Duration.ofDays(1), JobStatus.COMPLETED);

  private Vertx vertx;
  private JobStore store;
  private JobEngine engine;

  @BeforeEach
  void startEngine() {
    vertx = Vertx.vertx();
    store = new JobStore(1);
    engine = new JobEngine(vertx, ServerTesting.fastConfig().maxJobs(1).build(),
        new ServerMetrics(store::size), store, WebhookSignature.newSecret());
  }

  @AfterEach
  void stopEngine() {
    engine.close();
    vertx.close().await();
  }

  private WeakReference<SimulatedJob> createAndCancel() {
    SimulatedJob job = engine.create(ONE_DAY, JsonNodeFactory.instance.objectNode(), null, Traces.newTraceId()).job();
    assertThat(engine.cancel(job)).isTrue();
    return new WeakReference<>(job);
  }

  @Test
  void canceledAndEvictedJobIsNotHeldByItsEndTimer() {
    // Given
    WeakReference<SimulatedJob> canceled = createAndCancel();

    // When
    int evicted = engine.create(ONE_DAY, JsonNodeFactory.instance.objectNode(), null, Traces.newTraceId())
        .evicted().size();

    // Then
    assertThat(evicted).isEqualTo(1);
    assertThat(store.size()).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      System.gc();
      return canceled.get() == null;
    });
  }
}
