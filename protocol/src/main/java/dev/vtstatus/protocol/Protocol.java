package dev.vtstatus.protocol;

import java.util.List;

/** Names and limits of the wire protocol that client and server both use. */
public final class Protocol {
  /** Header carrying the API key. */
  public static final String API_KEY_HEADER = "X-Api-Key";
  /** Header that makes a create idempotent. */
  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
  /** Header with the server's poll hint in whole seconds. */
  public static final String RETRY_AFTER_HEADER = "Retry-After";
  /** Request header for a long poll: {@code Prefer: wait=S}. */
  public static final String PREFER_HEADER = "Prefer";
  /** Answer header echoing an honoured preference. */
  public static final String PREFERENCE_APPLIED_HEADER = "Preference-Applied";
  /** Header of a reconnecting event-stream client. */
  public static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
  /** W3C trace context header. */
  public static final String TRACEPARENT_HEADER = "traceparent";
  /** Standard Webhooks: message id. */
  public static final String WEBHOOK_ID_HEADER = "webhook-id";
  /** Standard Webhooks: seconds since the epoch. */
  public static final String WEBHOOK_TIMESTAMP_HEADER = "webhook-timestamp";
  /** Standard Webhooks: space-separated {@code v1,<base64>} signatures. */
  public static final String WEBHOOK_SIGNATURE_HEADER = "webhook-signature";

  /** Server-sent event name for a job's status change. */
  public static final String EVENT_JOB = "job";
  /** Server-sent event name telling a client that its {@code Last-Event-ID} is too old. */
  public static final String EVENT_RESET = "reset";

  /** Feature: {@code ?wait=} and {@code Prefer: wait=} long polls. */
  public static final String FEATURE_LONG_POLL = "long_poll";
  /** Feature: the server-sent event streams. */
  public static final String FEATURE_EVENTS = "events";
  /** Feature: batch reads by {@code ?ids=}. */
  public static final String FEATURE_BATCH = "batch";
  /** Feature: signed webhooks to {@code callback_url}. */
  public static final String FEATURE_WEBHOOKS = "webhooks";
  /** Feature: {@code DELETE /v1/jobs/{id}}. */
  public static final String FEATURE_CANCEL = "cancel";
  /** Feature: {@code Idempotency-Key} on create. */
  public static final String FEATURE_IDEMPOTENCY = "idempotency";
  /**
   * Feature: {@code GET /v1/jobs?ids=a,b&wait=S}, a batch read held until any listed job is
   * terminal or {@code S} passes.
   */
  public static final String FEATURE_BATCH_LONG_POLL = "batch_long_poll";
  /** Every feature a full version 1 server lists. */
  public static final List<String> FEATURES =
      List.of(
          FEATURE_LONG_POLL,
          FEATURE_EVENTS,
          FEATURE_BATCH,
          FEATURE_WEBHOOKS,
          FEATURE_CANCEL,
          FEATURE_IDEMPOTENCY,
          FEATURE_BATCH_LONG_POLL);

  /** The most ids one batch read may name. */
  public static final int MAX_BATCH = 100;

  private Protocol() {}
}
