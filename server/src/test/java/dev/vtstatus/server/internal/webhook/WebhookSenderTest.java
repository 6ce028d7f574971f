package dev.vtstatus.server.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

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
}
