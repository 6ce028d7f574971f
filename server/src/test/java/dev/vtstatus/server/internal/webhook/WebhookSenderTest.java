package dev.vtstatus.server.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.server.internal.jobs.Scheduler;
import dev.vtstatus.server.internal.metrics.ServerMetrics;
import dev.vtstatus.server.internal.store.WebhookQueue;
import dev.vtstatus.server.internal.store.memory.MemoryStore;
import dev.vtstatus.testing.RecordingWebhookReceiver;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

  @Test
  void backoffGrowsAndStaysInTheUpperHalfOfItsCap() {
    // When / Then
    for (int attempt = 1; attempt <= 12; attempt++) {
      long cap = Math.min(WebhookSender.MAX_RETRY.toMillis(), WebhookSender.FIRST_RETRY.toMillis() << (attempt - 1));
      assertThat(WebhookSender.backoff(attempt).toMillis()).isBetween(cap / 2, cap);
    }
  }

  @Test
  void deliveryGoesToTheAddressCheckedAtCreateNotToANewLookup() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (RecordingWebhookReceiver receiver = RecordingWebhookReceiver.start()) {
      // Given a host name that no resolver knows (.invalid), checked earlier as 127.0.0.1
      WebhookSender sender = new WebhookSender(vertx, Scheduler.on(vertx), new MemoryStore(10, 10).webhooks(), () -> { },
          "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", new ServerMetrics(() -> 0), Clock.systemUTC(), Duration.ofSeconds(5));
      URI target = new URI("http", null, "hooks.invalid", receiver.url().getPort(), receiver.url().getPath(), null, null);

      // When
      sender.send(new WebhookQueue.Delivery("3f6c0000-0000-4000-8000-000000000001", "0af7651916cd43dd8448eb211c80319c",
          target, "127.0.0.1", "{}", 1));

      // Then it arrives, still naming the host it was sent for
      await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() == 1);
      assertThat(receiver.deliveries().get(0).header("host")).startsWith("hooks.invalid:");
      sender.close();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
