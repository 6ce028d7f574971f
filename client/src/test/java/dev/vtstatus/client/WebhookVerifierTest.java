package dev.vtstatus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vtstatus.client.WebhookVerificationException.Reason;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobResult;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.WebhookSignature;
import dev.vtstatus.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String OLD_SECRET = WebhookSignature.newSecret();
  private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

  private final FakeClock clock = new FakeClock(NOW);
  private final WebhookVerifier verifier =
      WebhookVerifier.builder().secret(SECRET).clock(clock).build();

  @Test
  void returnsTheJobOfAWellSignedWebhook() throws Exception {
    // Given
    String body = jobJson("job-1");

    // When
    Job job = verifier.verify(signed("msg_1", NOW, body, SECRET), body);

    // Then
    assertThat(job.jobId()).isEqualTo("job-1");
    assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(job.result().videoUrl()).isEqualTo("https://example.com/out.mp4");
  }

  @Test
  void matchesHeaderNamesWhateverTheirCase() throws Exception {
    // Given
    String body = jobJson("job-1");
    Map<String, List<String>> headers = new HashMap<>();
    signed("msg_1", NOW, body, SECRET)
        .forEach((name, values) -> headers.put(name.toUpperCase(), values));

    // When
    Job job = verifier.verify(headers, body);

    // Then
    assertThat(job.jobId()).isEqualTo("job-1");
  }

  @Test
  void acceptsASignatureMadeWithAnyOfTheRotatedSecrets() throws Exception {
    // Given
    WebhookVerifier rotating =
        WebhookVerifier.builder().secret(SECRET).secret(OLD_SECRET).clock(clock).build();
    String body = jobJson("job-1");
    Map<String, List<String>> byOld = signed("msg_old", NOW, body, OLD_SECRET);
    Map<String, List<String>> twoSignatures = signed("msg_both", NOW, body, SECRET);
    String other =
        WebhookSignature.forSecret(WebhookSignature.newSecret())
            .sign("msg_both", NOW.getEpochSecond(), body);
    twoSignatures.put(
        "webhook-signature", List.of(other, twoSignatures.get("webhook-signature").get(0)));

    // When / Then
    assertThat(rotating.verify(byOld, body).jobId()).isEqualTo("job-1");
    assertThat(rotating.verify(twoSignatures, body).jobId()).isEqualTo("job-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
  void rejectsAWebhookWithoutOneOfItsHeaders(String header) throws Exception {
    // Given
    String body = jobJson("job-1");
    Map<String, List<String>> headers = signed("msg_1", NOW, body, SECRET);
    headers.put(header, List.of(" "));

    // When / Then
    assertThatThrownBy(() -> verifier.verify(headers, body))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_HEADER))
        .hasMessageContaining(header);
  }

  @Test
  void rejectsATimestampThatIsNotWholeSeconds() throws Exception {
    // Given
    String body = jobJson("job-1");
    Map<String, List<String>> headers = signed("msg_1", NOW, body, SECRET);
    headers.put("webhook-timestamp", List.of("2026-11-23T10:15:30Z"));

    // When / Then
    assertRejected(headers, body, Reason.INVALID_TIMESTAMP);
  }

  @Test
  void acceptsATimestampExactlyAtTheToleranceAndRejectsOneSecondOlder() throws Exception {
    // Given
    String body = jobJson("job-1");
    Instant edge = NOW.minus(WebhookVerifier.DEFAULT_TOLERANCE);

    // When / Then
    assertThat(verifier.verify(signed("msg_edge", edge, body, SECRET), body).jobId())
        .isEqualTo("job-1");
    assertRejected(
        signed("msg_old", edge.minusSeconds(1), body, SECRET), body, Reason.TIMESTAMP_TOO_OLD);
  }

  @Test
  void rejectsATimestampTooFarInTheFuture() throws Exception {
    // Given
    WebhookVerifier strict =
        WebhookVerifier.builder()
            .secret(SECRET)
            .clock(clock)
            .tolerance(Duration.ofSeconds(30))
            .build();
    String body = jobJson("job-1");

    // When / Then
    assertThat(strict.verify(signed("msg_ok", NOW.plusSeconds(30), body, SECRET), body))
        .isNotNull();
    assertRejected(
        strict,
        signed("msg_new", NOW.plusSeconds(31), body, SECRET),
        body,
        Reason.TIMESTAMP_TOO_NEW);
  }

  @Test
  void rejectsASignatureMadeWithAnotherSecret() throws Exception {
    // Given
    String body = jobJson("job-1");

    // When / Then
    assertRejected(signed("msg_1", NOW, body, OLD_SECRET), body, Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void rejectsABodyChangedAfterSigning() throws Exception {
    // Given
    String body = jobJson("job-1");
    Map<String, List<String>> headers = signed("msg_1", NOW, body, SECRET);

    // When / Then
    assertRejected(headers, body.replace("job-1", "job-2"), Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void rejectsTheSameMessageDeliveredTwice() throws Exception {
    // Given
    String body = jobJson("job-1");
    verifier.verify(signed("msg_1", NOW, body, SECRET), body);
    clock.advance(Duration.ofMinutes(1));

    // When / Then: even re-signed with a fresh timestamp, the id was already accepted
    assertRejected(signed("msg_1", clock.instant(), body, SECRET), body, Reason.REPLAYED);
  }

  @Test
  void acceptsAnIdAgainOnceItsMessageWouldBeTooOld() throws Exception {
    // Given
    String body = jobJson("job-1");
    verifier.verify(signed("msg_1", NOW, body, SECRET), body);

    // When
    clock.advance(WebhookVerifier.DEFAULT_TOLERANCE.plusSeconds(1));

    // Then
    assertThat(verifier.verify(signed("msg_1", clock.instant(), body, SECRET), body).jobId())
        .isEqualTo("job-1");
  }

  @Test
  void acceptsAnIdAgainAfterItIsForgotten() throws Exception {
    // Given
    String body = jobJson("job-1");
    Map<String, List<String>> headers = signed("msg_1", NOW, body, SECRET);
    verifier.verify(headers, body);

    // When
    verifier.forget("msg_1");

    // Then
    assertThat(verifier.verify(headers, body).jobId()).isEqualTo("job-1");
  }

  @Test
  void forgetsTheOldestIdsWhenTheCacheIsFull() throws Exception {
    // Given
    WebhookVerifier small =
        WebhookVerifier.builder().secret(SECRET).clock(clock).replayCacheSize(2).build();
    String body = jobJson("job-1");
    for (String id : List.of("msg_1", "msg_2", "msg_3")) {
      small.verify(signed(id, NOW, body, SECRET), body);
    }

    // When / Then
    assertRejected(small, signed("msg_3", NOW, body, SECRET), body, Reason.REPLAYED);
    assertThat(small.verify(signed("msg_1", NOW, body, SECRET), body)).isNotNull();
  }

  @Test
  void doesNotRememberTheIdOfARejectedMessage() throws Exception {
    // Given
    String body = jobJson("job-1");
    assertRejected(signed("msg_1", NOW, body, OLD_SECRET), body, Reason.NO_MATCHING_SIGNATURE);

    // When
    Job job = verifier.verify(signed("msg_1", NOW, body, SECRET), body);

    // Then
    assertThat(job.jobId()).isEqualTo("job-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"status\":\"completed\"}",
        "{\"job_id\":\"j\",\"status\":\"done\"}",
        "null"
      })
  void rejectsASignedBodyThatIsNotAJob(String body) {
    // When / Then
    assertRejected(signed("msg_1", NOW, body, SECRET), body, Reason.INVALID_BODY);
  }

  @Test
  void acceptsEachMessageOnceWhenDeliveredConcurrently() throws Exception {
    // Given
    String body = jobJson("job-1");
    Map<String, List<String>> headers = signed("msg_1", NOW, body, SECRET);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> deliveries = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        deliveries.add(
            () -> {
              try {
                verifier.verify(headers, body);
                return true;
              } catch (WebhookVerificationException e) {
                return false;
              }
            });
      }

      // When
      int accepted = 0;
      for (Future<Boolean> result : pool.invokeAll(deliveries)) {
        accepted += result.get() ? 1 : 0;
      }

      // Then
      assertThat(accepted).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejectsBadSettingsNamingThem() {
    assertThatThrownBy(() -> WebhookVerifier.builder().build()).hasMessageContaining("secret");
    assertThatThrownBy(() -> WebhookVerifier.builder().secret("whsec_***"))
        .hasMessageContaining("whsec_");
    assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(Duration.ZERO))
        .hasMessageContaining("tolerance");
    assertThatThrownBy(() -> WebhookVerifier.builder().replayCacheSize(0))
        .hasMessageContaining("replayCacheSize");
  }

  private void assertRejected(Map<String, List<String>> headers, String body, Reason reason) {
    assertRejected(verifier, headers, body, reason);
  }

  private static void assertRejected(
      WebhookVerifier verifier, Map<String, List<String>> headers, String body, Reason reason) {
    assertThatThrownBy(() -> verifier.verify(headers, body))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static Map<String, List<String>> signed(
      String id, Instant at, String body, String secret) {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("webhook-id", List.of(id));
    headers.put("webhook-timestamp", List.of(Long.toString(at.getEpochSecond())));
    headers.put(
        "webhook-signature",
        List.of(WebhookSignature.forSecret(secret).sign(id, at.getEpochSecond(), body)));
    return headers;
  }

  private static String jobJson(String id) throws Exception {
    Job job =
        new Job(
            id,
            JobStatus.COMPLETED,
            1.0,
            NOW.minusSeconds(8),
            NOW,
            NOW,
            null,
            null,
            "en",
            "es",
            "https://example.com/in.mp4",
            new JobResult("https://example.com/out.mp4"),
            null,
            Map.of());
    return Json.mapper().writeValueAsString(job);
  }
}
