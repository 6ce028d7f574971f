package dev.vtstatus.client.internal.wait;

import dev.vtstatus.protocol.Capabilities;
import dev.vtstatus.protocol.Protocol;
import java.time.Duration;
import java.util.List;

/**
 * What the client knows of the server: which protocol it speaks and what it supports.
 *
 * @param seed whether it speaks only the seed protocol
 * @param features the version 1 features it lists
 * @param maxWait the longest long poll it holds
 * @param maxBatch the most ids per batch read
 */
public record ServerProfile(boolean seed, List<String> features, Duration maxWait, int maxBatch) {

  /** A seed-protocol server. */
  public static final ServerProfile SEED = new ServerProfile(true, List.of(), Duration.ZERO, 0);

  /** A version 1 server that listed no capabilities. */
  public static final ServerProfile V1_PLAIN = new ServerProfile(false, List.of(), Duration.ZERO, 0);

  /** Copies the features. */
  public ServerProfile {
    features = List.copyOf(features);
  }

  /** Returns the profile of a version 1 server from its capabilities. */
  public static ServerProfile of(Capabilities capabilities) {
    Duration maxWait = capabilities.maxWait() == null ? Duration.ofSeconds(60) : capabilities.maxWait();
    int maxBatch =
        capabilities.maxBatch() == null ? Protocol.MAX_BATCH : Math.min(capabilities.maxBatch(), Protocol.MAX_BATCH);
    return new ServerProfile(false, capabilities.features(), maxWait, Math.max(1, maxBatch));
  }

  /** Returns whether long polls are available. */
  public boolean longPoll() {
    return !seed && features.contains(Protocol.FEATURE_LONG_POLL) && !maxWait.isZero();
  }

  /** Returns whether the event stream is available. */
  public boolean events() {
    return !seed && features.contains(Protocol.FEATURE_EVENTS);
  }

  /** Returns whether batch long polls ({@code GET /v1/jobs?ids=...&wait=S}) are available. */
  public boolean batchLongPoll() {
    return batch() && longPoll() && features.contains(Protocol.FEATURE_BATCH_LONG_POLL);
  }

  /** Returns whether batch reads are available. */
  public boolean batch() {
    return !seed && features.contains(Protocol.FEATURE_BATCH) && maxBatch > 0;
  }
}
