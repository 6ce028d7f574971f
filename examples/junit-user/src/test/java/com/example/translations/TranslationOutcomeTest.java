package com.example.translations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.junit.VtStatusServer;
import dev.vtstatus.junit.VtStatusServerExtension;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TranslationOutcomeTest {
  // Jobs take a minute on this simulator; the tests end them when they choose.
  @RegisterExtension
  static final VtStatusServerExtension SIMULATOR = VtStatusServerExtension.builder()
      .configure(server -> server.minDelay(Duration.ofMinutes(1)).maxDelay(Duration.ofMinutes(1)))
      .build();

  // Well under a second: a wait that outlasts it fails the test.
  private static final Duration WAIT = Duration.ofSeconds(1);

  @Test
  void aCompletedTranslationIsSeenAtOnce(VtStatusServer server) {
    VideoTranslationClient client = server.client();
    Job job = client.createJob(JobRequest.builder().sourceLanguage("en").targetLanguage("es").build());

    server.completeNow(job.jobId());
    Job done = client.waitForResult(job.jobId(), WAIT);

    assertEquals(JobStatus.COMPLETED, done.status());
  }

  @Test
  void aFailedTranslationCarriesItsReason(VtStatusServer server) {
    VideoTranslationClient client = server.client();
    Job job = client.createJob(JobRequest.builder().sourceLanguage("en").targetLanguage("fr").build());

    server.failNow(job.jobId(), "bad_audio", "no speech found");
    Job done = client.waitForResult(job.jobId(), WAIT);

    assertEquals(JobStatus.ERROR, done.status());
    assertEquals("bad_audio", done.error().code());
  }
}
