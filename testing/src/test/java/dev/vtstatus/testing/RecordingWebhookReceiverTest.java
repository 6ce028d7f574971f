package dev.vtstatus.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingWebhookReceiverTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void recordsEachDeliveryAndAnswersTheScriptThen200() throws Exception {
    try (RecordingWebhookReceiver receiver = RecordingWebhookReceiver.start(503)) {
      // Given
      HttpRequest request =
          HttpRequest.newBuilder(receiver.url())
              .timeout(Duration.ofSeconds(5))
              .header("Webhook-Id", "msg_1")
              .POST(HttpRequest.BodyPublishers.ofString("{\"job_id\":\"j\"}"))
              .build();

      // When
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        statuses.add(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
      }

      // Then
      assertThat(statuses).containsExactly(503, 200);
      assertThat(receiver.url().getHost()).isEqualTo("127.0.0.1");
      assertThat(receiver.deliveries()).hasSize(2);
      RecordingWebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
      assertThat(delivery.body()).isEqualTo("{\"job_id\":\"j\"}");
      assertThat(delivery.header("webhook-id")).isEqualTo("msg_1");
      assertThat(delivery.headers().get("WEBHOOK-ID")).containsExactly("msg_1");
      assertThat(delivery.header("x-missing")).isNull();
    }
  }
}
