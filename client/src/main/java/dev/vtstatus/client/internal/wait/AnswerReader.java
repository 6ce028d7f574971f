package dev.vtstatus.client.internal.wait;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vtstatus.client.ApiException;
import dev.vtstatus.client.AuthenticationException;
import dev.vtstatus.client.InvalidResponseException;
import dev.vtstatus.client.JobNotFoundException;
import dev.vtstatus.client.internal.http.HttpAnswer;
import dev.vtstatus.protocol.Capabilities;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobBatch;
import dev.vtstatus.protocol.JobError;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.Problem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads answers into records and refusals into exceptions, naming exactly what was wrong with an
 * unusable answer. Stateless.
 */
public final class AnswerReader {
  private static final ObjectMapper MAPPER = Json.mapper();
  private static final int EXCERPT = 60;
  /** The original seed server's message for an unknown job. */
  private static final String SEED_NOT_FOUND = "Job not found";

  private AnswerReader() {}

  /** Reads a job answer; {@code expectedId} (may be null) must match its {@code job_id}. */
  public static Job job(HttpAnswer answer, String expectedId) {
    Job job = jobNode(object(answer), "job");
    if (expectedId != null && !expectedId.equals(job.jobId())) {
      throw new InvalidResponseException(
          "answer is about job '" + job.jobId() + "', not the job asked for ('" + expectedId + "')");
    }
    return job;
  }

  /** Reads a batch answer, checking each job in it. */
  public static JobBatch batch(HttpAnswer answer) {
    JsonNode root = object(answer);
    JsonNode jobs = root.get("jobs");
    if (jobs == null || !jobs.isArray()) {
      throw new InvalidResponseException("missing field 'jobs' in batch answer");
    }
    List<Job> list = new ArrayList<>();
    for (JsonNode node : jobs) {
      list.add(jobNode(node, "job in batch answer"));
    }
    List<String> notFound = new ArrayList<>();
    JsonNode missing = root.get("not_found");
    if (missing != null && missing.isArray()) {
      missing.forEach(n -> notFound.add(n.asText()));
    }
    return new JobBatch(list, notFound);
  }

  /** Reads a job from an event's data. */
  public static Job eventJob(String data) {
    JsonNode node;
    try {
      node = MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      throw new InvalidResponseException("event data is not JSON: '" + excerpt(data) + "'", e);
    }
    if (node == null || !node.isObject()) {
      throw new InvalidResponseException("event data is not a JSON object: '" + excerpt(data) + "'");
    }
    return jobNode(node, "job in event");
  }

  /** Reads a seed create answer ({@code {"job_id": ..., "status": "pending"}}). */
  public static Job seedCreated(HttpAnswer answer, Instant createdAt) {
    JsonNode root = object(answer);
    String id = text(root, "job_id");
    JobStatus status = root.hasNonNull("status") ? status(root.get("status").asText()) : JobStatus.PENDING;
    return seedJob(id, status, createdAt, null);
  }

  /**
   * Reads a seed status answer ({@code {"result": "pending"}}) for a job. The original server
   * answered an unknown job {@code 200 {"result": "error", "message": "Job not found"}}: that is
   * {@link JobNotFoundException}, not a job that failed.
   */
  public static Job seedStatus(HttpAnswer answer, String jobId, Instant createdAt) {
    JsonNode root = object(answer);
    String result = text(root, "result");
    JobStatus status = status(result);
    JsonNode message = root.get("message");
    if (status == JobStatus.ERROR && message != null && SEED_NOT_FOUND.equalsIgnoreCase(message.asText())
        && !jobId.isEmpty()) {
      throw new JobNotFoundException(jobId);
    }
    JobError error =
        status == JobStatus.ERROR
            ? new JobError("error", message == null || message.isNull() ? null : message.asText())
            : null;
    return seedJob(jobId, status, createdAt, error);
  }

  private static Job seedJob(String id, JobStatus status, Instant createdAt, JobError error) {
    return new Job(id, status, null, createdAt, null, null, null, null, null, null, null, null, error, null);
  }

  /** Reads a capabilities answer; a non-JSON one is an {@link InvalidResponseException}. */
  public static Capabilities capabilities(HttpAnswer answer) {
    return record(answer, Capabilities.class, "capabilities");
  }

  /**
   * Reads a JSON object answer into {@code type}; a non-JSON or malformed one is an {@link
   * InvalidResponseException} that names {@code what}.
   */
  public static <T> T record(HttpAnswer answer, Class<T> type, String what) {
    try {
      return MAPPER.treeToValue(object(answer), type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InvalidResponseException("malformed " + what + ": " + reason, e);
    }
  }

  /**
   * Returns the exception for a refusal that must not be retried: 404 with a JSON body about a job:
   * {@link JobNotFoundException}; 404 without one (another web server's page: no such route):
   * {@link InvalidResponseException}; 401/403: {@link AuthenticationException}; others {@link
   * ApiException}.
   */
  public static RuntimeException refusal(HttpAnswer answer, String jobId) {
    int status = answer.status();
    if (status == 404 && !hasJsonObject(answer)) {
      return new InvalidResponseException(
          "this is not a vtstatus server: it has no such route (HTTP 404 without problem details)");
    }
    if (status == 404 && jobId != null) {
      return new JobNotFoundException(jobId);
    }
    Problem problem = problem(answer);
    if (status == 401 || status == 403) {
      return new AuthenticationException(status, problem);
    }
    return new ApiException(status, problem);
  }

  /** Returns the problem details of an answer, or one made from its status when it has none. */
  public static Problem problem(HttpAnswer answer) {
    try {
      JsonNode node = MAPPER.readTree(answer.body());
      if (node != null && node.isObject()) {
        return MAPPER.treeToValue(node, Problem.class);
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // not problem details: described below from the status alone
    }
    return new Problem(null, null, answer.status(), answer.body().isEmpty() ? null : excerpt(answer.body()));
  }

  /** Returns whether the answer's body is a JSON object (problem details or a job, say). */
  public static boolean hasJsonObject(HttpAnswer answer) {
    String body = answer.body().strip();
    if (!body.startsWith("{")) {
      return false;
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      return node != null && node.isObject();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** Returns the {@code Retry-After} delay (seconds or HTTP date), or null when absent or unreadable. */
  public static Duration retryAfter(HttpAnswer answer, Instant now) {
    Optional<String> value = answer.header("Retry-After");
    if (value.isEmpty()) {
      return null;
    }
    String v = value.get().trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static JsonNode object(HttpAnswer answer) {
    JsonNode node;
    try {
      node = MAPPER.readTree(answer.body());
    } catch (JsonProcessingException e) {
      throw new InvalidResponseException(
          "answer is not JSON (HTTP " + answer.status() + "): '" + excerpt(answer.body()) + "'", e);
    }
    if (node == null || node.isMissingNode()) {
      throw new InvalidResponseException("answer is empty (HTTP " + answer.status() + ")");
    }
    if (!node.isObject()) {
      throw new InvalidResponseException(
          "answer is not a JSON object (HTTP " + answer.status() + "): '" + excerpt(answer.body()) + "'");
    }
    return node;
  }

  private static Job jobNode(JsonNode node, String what) {
    if (!node.isObject()) {
      throw new InvalidResponseException(what + " is not a JSON object");
    }
    text(node, "job_id");
    status(text(node, "status"));
    try {
      return MAPPER.treeToValue(node, Job.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InvalidResponseException("malformed " + what + ": " + reason, e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidResponseException("missing field '" + field + "'");
    }
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new InvalidResponseException("field '" + field + "' is not a non-empty string: " + value);
    }
    return value.asText();
  }

  private static JobStatus status(String value) {
    try {
      return JobStatus.fromWire(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidResponseException("unknown status '" + value + "'", e);
    }
  }

  private static String excerpt(String body) {
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "...";
  }
}
