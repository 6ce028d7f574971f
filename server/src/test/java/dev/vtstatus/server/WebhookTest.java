package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.WebhookSignature;
import dev.vtstatus.testing.RecordingWebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookTest extends AcrossStores {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static String createBody(RecordingWebhookReceiver receiver) {
    return "{\"callback_url\":\"" + receiver.url() + "\",\"simulate\":{\"duration_ms\":50}}";
  }

  @Test
  void webhookCarriesTheFinalJobSignedWithTheServerSecret() throws Exception {
    try (RecordingWebhookReceiver receiver = RecordingWebhookReceiver.start()) {
      test(ServerTesting.fastConfig().webhookSecret(SECRET), (server, http) -> {
        // Given
        Job job = http.create(createBody(receiver));

        // When
        await().atMost(Duration.ofSeconds(3)).until(() -> receiver.deliveries().size() == 1);

        // Then
        RecordingWebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
        WebhookSignature signature = WebhookSignature.forSecret(server.webhookSecret());
        assertThat(server.webhookSecret()).isEqualTo(SECRET);
        assertThat(signature.matches(delivery.header("webhook-id"),
            Long.parseLong(delivery.header("webhook-timestamp")), delivery.body(),
            delivery.header("webhook-signature"))).isTrue();
        assertThat(WebhookSignature.forSecret(WebhookSignature.newSecret()).matches(delivery.header("webhook-id"),
            Long.parseLong(delivery.header("webhook-timestamp")), delivery.body(),
            delivery.header("webhook-signature"))).isFalse();
        Job delivered = TestHttp.read(delivery.body(), Job.class);
        assertThat(delivered.jobId()).isEqualTo(job.jobId());
        assertThat(delivered.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(delivery.header("traceparent")).startsWith("00-");
        assertThat(OpenApiContract.document().checkWebhook(delivery.headers(), delivery.body())).isEmpty();
      });
    }
  }

  @Test
  void generatedSecretIsUsableWhenNoneIsConfigured() throws Exception {
    try (RecordingWebhookReceiver receiver = RecordingWebhookReceiver.start()) {
      test((server, http) -> {
        // Given
        http.create(createBody(receiver));

        // When
        await().atMost(Duration.ofSeconds(3)).until(() -> receiver.deliveries().size() == 1);

        // Then
        RecordingWebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
        assertThat(server.webhookSecret()).startsWith("whsec_");
        assertThat(WebhookSignature.forSecret(server.webhookSecret()).matches(delivery.header("webhook-id"),
            Long.parseLong(delivery.header("webhook-timestamp")), delivery.body(),
            delivery.header("webhook-signature"))).isTrue();
      });
    }
  }

  @Test
  void retriesAfterTheReceiverFailsWithTheSameMessageId() throws Exception {
    try (RecordingWebhookReceiver receiver = RecordingWebhookReceiver.start(500, 503)) {
      test((server, http) -> {
        // Given
        http.create(createBody(receiver));

        // When
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.deliveries().size() == 3);

        // Then
        assertThat(receiver.deliveries()).extracting(d -> d.header("webhook-id")).containsOnly(
            receiver.deliveries().get(0).header("webhook-id"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
            .until(() -> receiver.deliveries().size() == 3);
        assertThat(http.get("/metrics").body()).contains("vtstatus_webhooks_total{result=\"delivered\"} 1.0");
      });
    }
  }

  @Test
  void goneStopsTheRetries() throws Exception {
    try (RecordingWebhookReceiver receiver = RecordingWebhookReceiver.start(410)) {
      test((server, http) -> {
        // Given
        http.create(createBody(receiver));

        // When
        await().atMost(Duration.ofSeconds(3)).until(() -> receiver.deliveries().size() == 1);

        // Then
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
            .until(() -> receiver.deliveries().size() == 1);
        assertThat(http.get("/metrics").body()).contains("vtstatus_webhooks_total{result=\"abandoned\"} 1.0");
      });
    }
  }
}
