package dev.vtstatus.server;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobError;
import dev.vtstatus.protocol.JobResult;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.SeedStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns a {@link SimulatedJob} and a clock reading into what the wire shows, adding the
 * deliberately imperfect estimates of a pending job. Thread-safe.
 *
 * <p>For a pending job, the true remaining time is multiplied by {@code 1 + noise * u} with
 * {@code u} uniform in [-1, 1], drawn anew for every answer. From that noisy remaining time come
 * {@code estimated_completion_at} (now plus it), {@code progress} (elapsed / (elapsed + it), at most
 * 0.99) and {@code poll_after_ms} (it, clamped to [{@link #MIN_POLL_AFTER}, max wait]).
 */
final class JobRenderer {
  /** The smallest poll hint, so that a job about to end does not invite a busy loop. */
  static final Duration MIN_POLL_AFTER = Duration.ofMillis(50);

  static final String ERROR_CODE = "translation_failed";
  static final String CANCELED_CODE = "canceled";
  static final String RESULT_BASE = "https://cdn.example.com/translations/";

  private final double noise;
  private final long maxPollMillis;

  JobRenderer(ServerConfig config) {
    this.noise = config.estimateNoise();
    this.maxPollMillis = Math.max(MIN_POLL_AFTER.toMillis(), config.maxWait().toMillis());
  }

  /** Returns the job as the version 1 routes show it at {@code now}. */
  Job render(SimulatedJob job, Instant now) {
    JobStatus status = job.status(now);
    CreateRequest r = job.request;
    if (status == JobStatus.PENDING) {
      long remaining = Math.max(0, job.plannedEnd.toEpochMilli() - now.toEpochMilli());
      double u = noise == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-1.0, 1.0);
      long noisy = Math.max(0, Math.round(remaining * (1 + noise * u)));
      long elapsed = Math.max(0, now.toEpochMilli() - job.createdAt.toEpochMilli());
      double progress = elapsed + noisy == 0 ? 0 : Math.min(0.99, (double) elapsed / (elapsed + noisy));
      long pollAfter = Math.min(maxPollMillis, Math.max(MIN_POLL_AFTER.toMillis(), noisy));
      return new Job(
          job.id, status, Math.round(progress * 1000) / 1000.0, job.createdAt, job.createdAt, null,
          now.plusMillis(noisy), Duration.ofMillis(pollAfter), r.sourceLanguage(),
          r.targetLanguage(), r.videoUrl(), null, null, r.metadata());
    }
    Instant completedAt = job.completedAt(now);
    JobResult result = status == JobStatus.COMPLETED ? new JobResult(RESULT_BASE + job.id + ".mp4") : null;
    JobError error =
        switch (status) {
          case ERROR -> new JobError(ERROR_CODE, "the simulated translation failed");
          case CANCELED -> new JobError(CANCELED_CODE, "the job was canceled by a client");
          default -> null;
        };
    return new Job(
        job.id, status, 1.0, job.createdAt, completedAt, completedAt, null, null,
        r.sourceLanguage(), r.targetLanguage(), r.videoUrl(), result, error, r.metadata());
  }

  /** Returns the job as the seed routes show it: canceled reads as error, with a message. */
  static SeedStatus renderSeed(SimulatedJob job, Instant now) {
    return switch (job.status(now)) {
      case PENDING -> new SeedStatus("pending", null);
      case COMPLETED -> new SeedStatus("completed", null);
      case ERROR -> new SeedStatus("error", "the simulated translation failed");
      case CANCELED -> new SeedStatus("error", "the job was canceled");
    };
  }

  /** Returns the {@code Retry-After} value for a poll hint: whole seconds, rounded up, at least 1. */
  static String retryAfterSeconds(Duration hint) {
    long millis = hint.toMillis();
    return Long.toString(Math.max(1, (millis + 999) / 1000));
  }
}
