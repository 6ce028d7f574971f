package dev.vtstatus.client;

import dev.vtstatus.client.internal.JsonLinesAuditSink;
import java.nio.file.Path;

/**
 * Receives the client's audit events, for example to write them to a file.
 *
 * <p>Implementations must be thread-safe. An exception thrown by {@link #record} is logged and
 * ignored. The client closes its sink when it closes.
 */
public interface AuditSink extends AutoCloseable {

  /** Records one event. */
  void record(AuditEvent event);

  /** Flushes and releases what the sink holds. The default does nothing. */
  @Override
  default void close() {}

  /**
   * Returns a sink that appends one JSON object per line to a file, creating it if needed: {@code
   * {"event":"job_completed","timestamp":"...","job_id":"...","trace_id":"...","attempt":3,
   * "elapsed_ms":5012,...}}. Thread-safe; each line is flushed as it is written.
   */
  static AuditSink jsonLines(Path file) {
    return JsonLinesAuditSink.open(file);
  }
}
