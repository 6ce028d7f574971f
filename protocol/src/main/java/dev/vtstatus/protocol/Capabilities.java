package dev.vtstatus.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * What a server supports, read once by a client to choose how to wait ({@code GET
 * /v1/capabilities}).
 *
 * @param features names from {@link Protocol#FEATURES}, for example {@code "events"}
 * @param maxWait the longest long poll the server holds (wire: {@code max_wait_ms})
 * @param maxBatch the most ids one batch read accepts
 */
public record Capabilities(
    List<String> features,
    @JsonProperty("max_wait_ms") Duration maxWait,
    Integer maxBatch) {

  /** Copies the feature list. */
  public Capabilities {
    features = features == null ? List.of() : List.copyOf(features);
  }

  /** Returns whether the server lists the given feature. */
  public boolean supports(String feature) {
    return features.contains(feature);
  }
}
