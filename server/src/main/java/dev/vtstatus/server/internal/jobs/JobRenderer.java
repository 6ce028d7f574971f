package dev.vtstatus.server.internal.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobError;
import dev.vtstatus.protocol.JobResult;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.SeedStatus;
import dev.vtstatus.server.ServerConfig;
import dev.vtstatus.server.internal.store.CreateRequest;
import dev.vtstatus.server.internal.store.JobRecord;
import dev.vtstatus.server.internal.store.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns a {@link JobRecord} and a clock reading into the job JSON of the wire, adding the
 * deliberately imperfect estimates of a pending job. Thread-safe.
 *
 * <p>For a pending job, the true remaining time is multiplied by {@code 1 + noise * u} with
 * {@code u} uniform in [-1, 1], drawn anew for every answer. From that noisy remaining time come
 * {@code estimated_completion_at} (now plus it), {@code progress} (elapsed / (elapsed + it), at most
 * 0.99) and {@code poll_after_ms} (it, clamped to [{@link #MIN_POLL_AFTER}, max wait]).
 *
 * <p>A status read must stay cheap, so a pending job's answer is assembled from fragments written
 * once per job (kept until the job ends) plus the few fields that change; a terminal job's JSON is
 * written once by the caller's cache ({@link EndedJobs}).
 */
public final class JobRenderer {
  /**
   * A rendered job.
   *
   * @param status the job's status
   * @param pollAfterMillis the poll hint in ms, -1 once terminal
   * @param json the job JSON
   */
  public record Rendered(JobStatus status, long pollAfterMillis, byte[] json) {
    /** Returns the JSON as text. */
    public String text() {
      return new String(json, StandardCharsets.UTF_8);
    }
  }

  /** The smallest poll hint, so that a job about to end does not invite a busy loop. */
  public static final Duration MIN_POLL_AFTER = Duration.ofMillis(50);

  static final String ERROR_CODE = "translation_failed";
  static final String ERROR_MESSAGE = "the simulated translation failed";
  static final String CANCELED_CODE = "canceled";
  static final String RESULT_BASE = "https://cdn.example.com/translations/";

  private final double noise;
  private final long maxPollMillis;
  private final int maxFragments;
  private final Map<String, String[]> fragments = new ConcurrentHashMap<>();

  /** Creates a renderer with the config's estimate noise and longest wait. */
  public JobRenderer(ServerConfig config) {
    this.noise = config.simulation().estimateNoise();
    this.maxPollMillis = Math.max(MIN_POLL_AFTER.toMillis(), config.limits().maxWait().toMillis());
    this.maxFragments = config.limits().maxJobs() + 1;
  }

  /** Returns the job as the version 1 routes show it at {@code now}. */
  public Rendered render(JobRecord job, Instant now) {
    Outcome outcome = job.outcome(now);
    if (outcome != null) {
      return new Rendered(outcome.status(), -1, terminalJson(job, outcome));
    }
    long nowMillis = now.toEpochMilli();
    long remaining = Math.max(0, job.plannedEnd().toEpochMilli() - nowMillis);
    double u = noise == 0 ? 0 : ThreadLocalRandom.current().nextDouble(-1.0, 1.0);
    long noisy = Math.max(0, Math.round(remaining * (1 + noise * u)));
    long elapsed = Math.max(0, nowMillis - job.createdAt().toEpochMilli());
    double progress = elapsed + noisy == 0 ? 0 : Math.min(0.99, (double) elapsed / (elapsed + noisy));
    long pollAfter = Math.min(maxPollMillis, Math.max(MIN_POLL_AFTER.toMillis(), noisy));
    String[] parts = fragments(job);
    String created = parts[1];
    String json = new StringBuilder(parts[0].length() + parts[2].length() + 200)
        .append(parts[0]).append(Math.round(progress * 1000) / 1000.0)
        .append(",\"created_at\":\"").append(created)
        .append("\",\"updated_at\":\"").append(created)
        .append("\",\"completed_at\":null,\"estimated_completion_at\":\"")
        .append(Json.formatEpochMillis(nowMillis + noisy))
        .append("\",\"poll_after_ms\":").append(pollAfter)
        .append(parts[2]).append(",\"metadata\":")
        .append(job.request().metadataJson() == null ? "null" : job.request().metadataJson())
        .append('}')
        .toString();
    return new Rendered(JobStatus.PENDING, pollAfter, json.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the JSON of the job in its terminal state {@code outcome}; the same bytes for the same inputs. */
  public byte[] terminalJson(JobRecord job, Outcome outcome) {
    return write(terminalView(job, outcome));
  }

  /** Drops what was kept to render the pending job {@code id}, once it has ended or was evicted. */
  public void forget(String id) {
    fragments.remove(id);
  }

  /** Returns the job with the given terminal outcome as a record, for the JSON written once per job. */
  static Job terminalView(JobRecord job, Outcome outcome) {
    JobStatus status = outcome.status();
    Instant completedAt = outcome.at();
    CreateRequest r = job.request();
    JobResult result = status == JobStatus.COMPLETED ? new JobResult(RESULT_BASE + job.id() + ".mp4") : null;
    JobError error =
        switch (status) {
          case ERROR -> new JobError(
              outcome.errorCode() != null ? outcome.errorCode() : ERROR_CODE,
              outcome.errorMessage() != null ? outcome.errorMessage() : ERROR_MESSAGE);
          case CANCELED -> new JobError(CANCELED_CODE, "the job was canceled by a client");
          default -> null;
        };
    return new Job(job.id(), status, 1.0, job.createdAt(), completedAt, completedAt, null, null,
        r.sourceLanguage(), r.targetLanguage(), r.videoUrl(), result, error, metadata(r.metadataJson()));
  }

  /**
   * Returns the fixed parts of a pending job's JSON, written once per job: the head up to {@code
   * progress}, the formatted creation time, and the tail from {@code source_language} up to the
   * metadata, which is appended from the job's one copy of it at each answer.
   */
  private String[] fragments(JobRecord job) {
    String[] parts = fragments.get(job.id());
    if (parts == null) {
      CreateRequest r = job.request();
      Map<String, Object> tail = new LinkedHashMap<>();
      tail.put("source_language", r.sourceLanguage());
      tail.put("target_language", r.targetLanguage());
      tail.put("video_url", r.videoUrl());
      String tailJson = new String(write(tail), StandardCharsets.UTF_8);
      parts = new String[] {
        "{\"job_id\":\"" + job.id() + "\",\"status\":\"pending\",\"progress\":",
        Json.formatEpochMillis(job.createdAt().toEpochMilli()),
        "," + tailJson.substring(1, tailJson.length() - 1)
      };
      if (fragments.size() >= maxFragments) {
        // only reached when ends went unseen; starting over keeps the map bounded
        fragments.clear();
      }
      fragments.put(job.id(), parts);
    }
    return parts;
  }

  /** Returns the {@code completed_at} of a terminal job's JSON. */
  static Instant completedAt(String terminalJson) {
    try {
      return Instant.parse(Json.mapper().readTree(terminalJson).path("completed_at").asText());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a terminal event is not job JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> metadata(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.mapper().readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored metadata is not JSON", e);
    }
  }

  /** Returns the job as the seed routes show it: canceled reads as error, with a message. */
  public static SeedStatus renderSeed(JobStatus status) {
    return switch (status) {
      case PENDING -> new SeedStatus("pending", null);
      case COMPLETED -> new SeedStatus("completed", null);
      case ERROR -> new SeedStatus("error", ERROR_MESSAGE);
      case CANCELED -> new SeedStatus("error", "the job was canceled");
    };
  }

  /** Returns the {@code Retry-After} value for a poll hint: whole seconds, rounded up, at least 1. */
  public static String retryAfterSeconds(long hintMillis) {
    return Long.toString(Math.max(1, (hintMillis + 999) / 1000));
  }

  /** Writes {@code value} as JSON text. */
  public static String json(Object value) {
    return new String(write(value), StandardCharsets.UTF_8);
  }

  private static byte[] write(Object value) {
    try {
      return Json.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
