package dev.vtstatus.server.internal.store;

import dev.vtstatus.protocol.JobStatus;
import java.net.URI;
import java.time.Duration;

/**
 * A validated create request: the caller's optional fields and simulation overrides. Immutable.
 *
 * @param sourceLanguage the source language, or null
 * @param targetLanguage the target language, or null
 * @param videoUrl the source video, or null
 * @param callbackUrl where the signed webhook goes when the job ends, or null
 * @param callbackAddress the IP address {@code callbackUrl}'s host resolved to when it was checked,
 *     which deliveries connect to; null without a callback
 * @param metadataJson the caller's metadata as compact JSON text (an object), or null; kept as text,
 *     the one copy of it a job holds, and written into answers as it is
 * @param duration a forced duration, or null to draw one
 * @param outcome a forced outcome, or null to draw one
 */
public record CreateRequest(
    String sourceLanguage,
    String targetLanguage,
    String videoUrl,
    URI callbackUrl,
    String callbackAddress,
    String metadataJson,
    Duration duration,
    JobStatus outcome) {

  /** A request with every field left to the server. */
  public static final CreateRequest EMPTY = new CreateRequest(null, null, null, null, null, null, null, null);

  /** Returns this request with the checked address of its callback. */
  public CreateRequest withCallbackAddress(String address) {
    return new CreateRequest(sourceLanguage, targetLanguage, videoUrl, callbackUrl, address, metadataJson,
        duration, outcome);
  }
}
