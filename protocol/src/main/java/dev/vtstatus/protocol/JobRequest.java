package dev.vtstatus.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a caller asks for when it creates a job. Every field is optional.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * JobRequest request = JobRequest.builder()
 *     .sourceLanguage("en").targetLanguage("es")
 *     .videoUrl("https://example.com/talk.mp4")
 *     .build();
 * }</pre>
 *
 * @param sourceLanguage the language of the source video
 * @param targetLanguage the language to translate into
 * @param videoUrl the source video
 * @param callbackUrl where the server POSTs the job when it ends (signed webhook)
 * @param metadata the caller's own data, echoed back on every answer
 * @param simulate asks the simulator for a fixed duration or outcome
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRequest(
    String sourceLanguage,
    String targetLanguage,
    String videoUrl,
    String callbackUrl,
    Map<String, Object> metadata,
    Simulation simulate) {

  /** An empty request: the server picks every default. */
  public static final JobRequest EMPTY = new JobRequest(null, null, null, null, null, null);

  /** Copies the metadata so that the record stays immutable. */
  public JobRequest {
    metadata = metadata == null ? null : Map.copyOf(metadata);
  }

  /** Returns a new builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this request's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sourceLanguage = sourceLanguage;
    b.targetLanguage = targetLanguage;
    b.videoUrl = videoUrl;
    b.callbackUrl = callbackUrl;
    if (metadata != null) {
      b.metadata.putAll(metadata);
    }
    b.simulate = simulate;
    return b;
  }

  /** Builds a {@link JobRequest}. Not thread-safe. */
  public static final class Builder {
    private String sourceLanguage;
    private String targetLanguage;
    private String videoUrl;
    private String callbackUrl;
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private Simulation simulate;

    private Builder() {}

    /** Sets the source language, for example {@code "en"}. */
    public Builder sourceLanguage(String value) {
      this.sourceLanguage = value;
      return this;
    }

    /** Sets the target language, for example {@code "es"}. */
    public Builder targetLanguage(String value) {
      this.targetLanguage = value;
      return this;
    }

    /** Sets the source video URL. */
    public Builder videoUrl(String value) {
      this.videoUrl = value;
      return this;
    }

    /** Sets the URL the server calls, signed, when the job ends. */
    public Builder callbackUrl(String value) {
      this.callbackUrl = value;
      return this;
    }

    /** Adds one metadata entry. */
    public Builder metadata(String key, Object value) {
      metadata.put(Objects.requireNonNull(key, "key"), value);
      return this;
    }

    /** Asks the simulating server for a fixed duration and/or outcome. */
    public Builder simulate(Simulation value) {
      this.simulate = value;
      return this;
    }

    /** Returns the request. */
    public JobRequest build() {
      return new JobRequest(
          sourceLanguage,
          targetLanguage,
          videoUrl,
          callbackUrl,
          metadata.isEmpty() ? null : metadata,
          simulate);
    }
  }
}
