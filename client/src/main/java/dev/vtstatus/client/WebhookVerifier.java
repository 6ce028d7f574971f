package dev.vtstatus.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vtstatus.client.WebhookVerificationException.Reason;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.WebhookSignature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a webhook the server sent to a job's {@code callback_url} and returns its job: the
 * Standard Webhooks signature against one or more secrets (several while a secret is rotated), the
 * timestamp within a tolerance, and that the {@code webhook-id} was not accepted before. Call it
 * first thing in the handler, with the headers and the raw body exactly as received.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder()
 *     .secret(System.getenv("VTSTATUS_WEBHOOK_SECRET"))   // whsec_...
 *     .build();
 *
 * // in the HTTP handler of the callback URL:
 * try {
 *   Job job = verifier.verify(request.headers(), request.body());
 *   handleFinishedJob(job);
 *   respond(204);
 * } catch (WebhookVerificationException e) {
 *   respond(e.reason() == WebhookVerificationException.Reason.REPLAYED ? 200 : 400);
 * }
 * }</pre>
 *
 * <p>Defaults: tolerance 5 minutes either way, the system UTC clock, a replay cache of 10,000 ids.
 * A remembered id is forgotten once a message with its timestamp would be too old anyway; when more
 * ids than the cache holds arrive within one tolerance window, the oldest are forgotten first.
 *
 * <p>Immutable configuration; thread-safe: share one instance between handler threads.
 */
public final class WebhookVerifier {
  /** The default timestamp tolerance, either way: 5 minutes. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** The default number of {@code webhook-id}s remembered: 10,000. */
  public static final int DEFAULT_REPLAY_CACHE_SIZE = 10_000;

  private final List<WebhookSignature> signers;
  private final Duration tolerance;
  private final Clock clock;
  private final int replayCacheSize;
  private final LinkedHashMap<String, Instant> seen;

  private WebhookVerifier(Builder builder) {
    this.signers = List.copyOf(builder.signers);
    this.tolerance = builder.tolerance;
    this.clock = builder.clock;
    this.replayCacheSize = builder.replayCacheSize;
    this.seen = new LinkedHashMap<>(16, 0.75f, false);
  }

  /**
   * Returns a verifier for one secret ({@code whsec_...}) with every other setting at its default.
   */
  public static WebhookVerifier of(String secret) {
    return builder().secret(secret).build();
  }

  /** Returns a builder with the defaults and no secret yet. Not thread-safe. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks a webhook and returns the job it carries; on success its {@code webhook-id} is
   * remembered, so the same message is rejected if it comes again.
   *
   * @param headers the request's headers; names are matched case-insensitively, and several {@code
   *     webhook-signature} values are all considered
   * @param body the request body exactly as received (the signature covers its bytes)
   * @return the job of the message
   * @throws WebhookVerificationException naming the check that failed; checks run in the order of
   *     {@link WebhookVerificationException.Reason}
   */
  public Job verify(Map<String, List<String>> headers, String body) {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    String id = header(headers, Protocol.WEBHOOK_ID_HEADER);
    String timestamp = header(headers, Protocol.WEBHOOK_TIMESTAMP_HEADER);
    String signatures = header(headers, Protocol.WEBHOOK_SIGNATURE_HEADER);
    long seconds = parseTimestamp(timestamp);
    Instant sentAt = Instant.ofEpochSecond(seconds);
    Instant now = clock.instant();
    if (sentAt.isBefore(now.minus(tolerance))) {
      throw new WebhookVerificationException(
          Reason.TIMESTAMP_TOO_OLD,
          "webhook-timestamp "
              + sentAt
              + " is more than "
              + tolerance
              + " before now ("
              + now
              + ")");
    }
    if (sentAt.isAfter(now.plus(tolerance))) {
      throw new WebhookVerificationException(
          Reason.TIMESTAMP_TOO_NEW,
          "webhook-timestamp "
              + sentAt
              + " is more than "
              + tolerance
              + " after now ("
              + now
              + ")");
    }
    if (signers.stream().noneMatch(s -> s.matches(id, seconds, body, signatures))) {
      throw new WebhookVerificationException(
          Reason.NO_MATCHING_SIGNATURE,
          "no v1 signature in webhook-signature matches any of the "
              + signers.size()
              + " configured secret(s)");
    }
    Job job = parseJob(body);
    remember(id, sentAt.plus(tolerance), now);
    return job;
  }

  /**
   * Forgets a {@code webhook-id}, so that the sender's retry of that message is accepted: call it
   * when the handling of a verified webhook failed and you answer it with an error.
   */
  public void forget(String webhookId) {
    synchronized (seen) {
      seen.remove(webhookId);
    }
  }

  /** Returns the timestamp tolerance, either way. */
  public Duration tolerance() {
    return tolerance;
  }

  private void remember(String id, Instant expiresAt, Instant now) {
    synchronized (seen) {
      Instant known = seen.get(id);
      if (known != null && !known.isBefore(now)) {
        throw new WebhookVerificationException(
            Reason.REPLAYED, "webhook-id '" + id + "' was already accepted");
      }
      seen.remove(id);
      seen.put(id, expiresAt);
      Iterator<Instant> oldest = seen.values().iterator();
      int excess = seen.size() - replayCacheSize;
      while (oldest.hasNext()) {
        Instant expiry = oldest.next();
        if (excess > 0 || expiry.isBefore(now)) {
          oldest.remove();
          excess--;
        } else {
          break;
        }
      }
    }
  }

  private static String header(Map<String, List<String>> headers, String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (entry.getKey() != null
          && entry.getKey().equalsIgnoreCase(name)
          && entry.getValue() != null) {
        for (String value : entry.getValue()) {
          if (value != null && !value.isBlank()) {
            values.add(value.trim());
          }
        }
      }
    }
    if (values.isEmpty()) {
      throw new WebhookVerificationException(
          Reason.MISSING_HEADER, "the " + name + " header is missing or blank");
    }
    return String.join(" ", values);
  }

  private static long parseTimestamp(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException(
          Reason.INVALID_TIMESTAMP,
          "webhook-timestamp '" + value + "' is not whole seconds since the epoch",
          e);
    }
  }

  private static Job parseJob(String body) {
    Job job;
    try {
      job = Json.mapper().readValue(body, Job.class);
    } catch (JsonProcessingException e) {
      throw new WebhookVerificationException(
          Reason.INVALID_BODY, "the webhook body is not a job: " + e.getOriginalMessage(), e);
    }
    if (job == null || job.jobId() == null || job.status() == null) {
      throw new WebhookVerificationException(
          Reason.INVALID_BODY,
          "the webhook body is not a job: "
              + (job == null
                  ? "it is null"
                  : job.jobId() == null ? "job_id is missing" : "status is missing"));
    }
    return job;
  }

  /** Builds a {@link WebhookVerifier}. Not thread-safe. */
  public static final class Builder {
    private final List<WebhookSignature> signers = new ArrayList<>();
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();
    private int replayCacheSize = DEFAULT_REPLAY_CACHE_SIZE;

    private Builder() {}

    /**
     * Adds a secret ({@code whsec_} then base64) that a valid signature may be made with; add the
     * old and the new one while rotating. At least one is required.
     *
     * @throws IllegalArgumentException when the secret is not {@code whsec_} and base64
     */
    public Builder secret(String secret) {
      signers.add(WebhookSignature.forSecret(Objects.requireNonNull(secret, "secret")));
      return this;
    }

    /**
     * Sets how far a {@code webhook-timestamp} may be from now, either way. Default 5 minutes.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder tolerance(Duration value) {
      Objects.requireNonNull(value, "tolerance");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("tolerance must be positive, was " + value);
      }
      tolerance = value;
      return this;
    }

    /** Sets the clock that "now" is read from. Default the system UTC clock. */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets how many {@code webhook-id}s are remembered at most. Default 10,000.
     *
     * @throws IllegalArgumentException when less than 1
     */
    public Builder replayCacheSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("replayCacheSize must be at least 1, was " + value);
      }
      replayCacheSize = value;
      return this;
    }

    /**
     * Returns the verifier.
     *
     * @throws IllegalStateException when no secret was given
     */
    public WebhookVerifier build() {
      if (signers.isEmpty()) {
        throw new IllegalStateException("a WebhookVerifier needs at least one secret");
      }
      return new WebhookVerifier(this);
    }
  }
}
