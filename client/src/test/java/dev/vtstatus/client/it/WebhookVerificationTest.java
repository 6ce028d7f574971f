package dev.vtstatus.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WebhookVerificationException;
import dev.vtstatus.client.WebhookVerificationException.Reason;
import dev.vtstatus.client.WebhookVerifier;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import dev.vtstatus.protocol.WebhookSignature;
import dev.vtstatus.testing.RecordingWebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhooks the real server sends are accepted by {@link WebhookVerifier}, once. */
class WebhookVerificationTest {
  @RegisterExtension static final JobServerExtension SERVER = JobServerExtension.with(c -> c);

  @Test
  void acceptsTheServersSignedWebhookOnceAndReturnsItsJob() throws Exception {
    // Given
    RecordingWebhookReceiver receiver = SERVER.closeAfterTest(RecordingWebhookReceiver.start());
    VideoTranslationClient client = SERVER.client(b -> b);
    Job created =
        client.createJob(
            JobRequest.builder()
                .callbackUrl(receiver.url().toString())
                .simulate(new Simulation(Duration.ofMillis(50), JobStatus.ERROR))
                .build());
    await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.deliveries().isEmpty());
    RecordingWebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
    WebhookVerifier verifier = WebhookVerifier.of(SERVER.server().webhookSecret());

    // When
    Job job = verifier.verify(delivery.headers(), delivery.body());

    // Then
    assertThat(job.jobId()).isEqualTo(created.jobId());
    assertThat(job.status()).isEqualTo(JobStatus.ERROR);
    assertThat(job.error()).isNotNull();
    assertThatThrownBy(() -> verifier.verify(delivery.headers(), delivery.body()))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REPLAYED));
  }

  @Test
  void rejectsTheServersWebhookWithAnotherSecret() throws Exception {
    // Given
    RecordingWebhookReceiver receiver = SERVER.closeAfterTest(RecordingWebhookReceiver.start());
    VideoTranslationClient client = SERVER.client(b -> b);
    client.createJob(
        JobRequest.builder()
            .callbackUrl(receiver.url().toString())
            .simulate(new Simulation(Duration.ofMillis(50), JobStatus.COMPLETED))
            .build());
    await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.deliveries().isEmpty());
    RecordingWebhookReceiver.Delivery delivery = receiver.deliveries().get(0);

    // When / Then
    assertThatThrownBy(
            () ->
                WebhookVerifier.of(WebhookSignature.newSecret())
                    .verify(delivery.headers(), delivery.body()))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NO_MATCHING_SIGNATURE));
  }
}
