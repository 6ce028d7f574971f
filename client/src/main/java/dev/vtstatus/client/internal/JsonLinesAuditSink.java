package dev.vtstatus.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vtstatus.client.AuditEvent;
import dev.vtstatus.client.AuditSink;
import dev.vtstatus.protocol.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appends audit events to a file, one JSON object per line. Thread-safe (synchronized writes). */
public final class JsonLinesAuditSink implements AuditSink {
  private static final ObjectMapper MAPPER = Json.mapper();

  private final Path file;
  private final BufferedWriter writer;
  private boolean closed;

  private JsonLinesAuditSink(Path file, BufferedWriter writer) {
    this.file = file;
    this.writer = writer;
  }

  /**
   * Opens (creating or appending to) the file.
   *
   * @throws UncheckedIOException naming the file when it cannot be opened
   */
  public static JsonLinesAuditSink open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      BufferedWriter writer =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return new JsonLinesAuditSink(file, writer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open audit log " + file + ": " + e.getMessage(), e);
    }
  }

  /** Returns the line written for an event: fixed keys first, then the details. */
  public static Map<String, Object> toLine(AuditEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event.type());
    line.put("timestamp", Json.formatInstant(event.timestamp()));
    line.put("job_id", event.jobId());
    line.put("trace_id", event.traceId());
    line.put("attempt", event.attempt());
    line.put("elapsed_ms", event.elapsed() == null ? null : event.elapsed().toMillis());
    event.details().forEach(line::putIfAbsent);
    return line;
  }

  @Override
  public synchronized void record(AuditEvent event) {
    if (closed) {
      return;
    }
    try {
      writer.write(MAPPER.writeValueAsString(toLine(event)));
      writer.newLine();
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write audit log " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close audit log " + file + ": " + e.getMessage(), e);
    }
  }
}
