package dev.vtstatus.server.internal.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.server.internal.store.CreateRequest;
import dev.vtstatus.server.internal.store.JobRecord;
import dev.vtstatus.server.internal.store.Outcome;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * How a {@link JobRecord} is written in Redis: the immutable part as one JSON field ({@code rec}),
 * the outcome as fields of its own ({@code ost}, {@code oat}, {@code ocode}, {@code omsg},
 * {@code eid}), written once by the decide script. Times are ISO-8601, so they read back exactly.
 * Thread-safe.
 */
final class RedisRecords {
  /** The fields {@link #read} needs, in order, for {@code HMGET}. */
  static final String[] FIELDS = {"rec", "ost", "oat", "ocode", "omsg", "eid"};

  private RedisRecords() {}

  /** Writes the immutable part of a job. */
  static String write(JobRecord job) {
    ObjectNode node = Json.mapper().createObjectNode()
        .put("id", job.id())
        .put("seq", job.sequence())
        .put("created", job.createdAt().toString())
        .put("end", job.plannedEnd().toString())
        .put("plan", job.plannedOutcome().wireName())
        .put("trace", job.traceId())
        .put("idem", job.idempotencyKey())
        .put("owner", job.owner())
        .put("size", job.sizeBytes());
    CreateRequest r = job.request();
    node.putObject("req")
        .put("src", r.sourceLanguage())
        .put("tgt", r.targetLanguage())
        .put("video", r.videoUrl())
        .put("cb", r.callbackUrl() == null ? null : r.callbackUrl().toString())
        .put("addr", r.callbackAddress())
        .put("dur", r.duration() == null ? null : r.duration().toString())
        .put("out", r.outcome() == null ? null : r.outcome().wireName())
        .put("meta", r.metadataJson());
    return node.toString();
  }

  /** Reads a job from the values of {@link #FIELDS}; null when the job is unknown. */
  static JobRecord read(Response fields) {
    if (fields == null || fields.get(0) == null) {
      return null;
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(fields.get(0).toString());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job in Redis is not readable: " + e.getOriginalMessage(), e);
    }
    JsonNode r = node.get("req");
    CreateRequest request = new CreateRequest(text(r, "src"), text(r, "tgt"), text(r, "video"),
        text(r, "cb") == null ? null : URI.create(text(r, "cb")), text(r, "addr"),
        text(r, "meta"),
        text(r, "dur") == null ? null : Duration.parse(text(r, "dur")),
        text(r, "out") == null ? null : JobStatus.fromWire(text(r, "out")));
    Outcome outcome = fields.get(1) == null ? null : new Outcome(
        JobStatus.fromWire(fields.get(1).toString()), Instant.parse(fields.get(2).toString()),
        blankToNull(fields.get(3)), blankToNull(fields.get(4)), fields.get(5).toLong());
    return new JobRecord(text(node, "id"), node.get("seq").asLong(), Instant.parse(text(node, "created")),
        Instant.parse(text(node, "end")), JobStatus.fromWire(text(node, "plan")), request, text(node, "trace"),
        text(node, "idem"), text(node, "owner"), node.get("size").asInt(), outcome);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String blankToNull(Response value) {
    return value == null || value.toString().isEmpty() ? null : value.toString();
  }
}
