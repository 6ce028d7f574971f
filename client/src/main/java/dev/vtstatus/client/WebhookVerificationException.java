package dev.vtstatus.client;

import java.util.Objects;

/**
 * Thrown by {@link WebhookVerifier#verify} when a webhook must not be trusted; {@link #reason()}
 * says which check failed and the message gives the detail. Answer such a request with a 4xx (or a
 * 2xx for {@link Reason#REPLAYED}, so the sender stops retrying a message already handled).
 *
 * <p>Unchecked and immutable.
 */
public class WebhookVerificationException extends VideoTranslationException {
  private static final long serialVersionUID = 1L;

  /** Which check a webhook failed. */
  public enum Reason {
    /**
     * A {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} header is absent
     * or blank.
     */
    MISSING_HEADER,
    /** The {@code webhook-timestamp} is not a whole number of seconds since the epoch. */
    INVALID_TIMESTAMP,
    /** The {@code webhook-timestamp} is further in the past than the tolerance. */
    TIMESTAMP_TOO_OLD,
    /** The {@code webhook-timestamp} is further in the future than the tolerance. */
    TIMESTAMP_TOO_NEW,
    /** No {@code v1} signature matches any configured secret. */
    NO_MATCHING_SIGNATURE,
    /**
     * The signed body is not a job: not JSON, or without {@code job_id} or a known {@code status}.
     */
    INVALID_BODY,
    /** A message with this {@code webhook-id} was already accepted. */
    REPLAYED
  }

  private final Reason reason;

  /** Creates the exception for a failed check, with a message giving the detail. */
  public WebhookVerificationException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Creates the exception for a failed check, with the detail and the underlying cause. */
  public WebhookVerificationException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Returns which check failed. */
  public Reason reason() {
    return reason;
  }
}
