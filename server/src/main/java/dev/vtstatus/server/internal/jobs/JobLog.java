package dev.vtstatus.server.internal.jobs;

import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Logs a line about one job with its {@code job_id} and {@code trace_id} as SLF4J key-value pairs,
 * so a JSON encoder (the CLI's Logstash encoder) writes them as fields a log collector can filter
 * on; the message keeps them too ({@code job_id=...}) for text logs. Stateless.
 */
public final class JobLog {
  private JobLog() {}

  /** Logs at info. */
  public static void info(Logger log, String jobId, String traceId, String message, Object... args) {
    at(log, Level.INFO, jobId, traceId, message, args);
  }

  /** Logs at warn. */
  public static void warn(Logger log, String jobId, String traceId, String message, Object... args) {
    at(log, Level.WARN, jobId, traceId, message, args);
  }

  private static void at(Logger log, Level level, String jobId, String traceId, String message, Object... args) {
    if (log.isEnabledForLevel(level)) {
      log.atLevel(level).addKeyValue("job_id", jobId).addKeyValue("trace_id", traceId).log(message, args);
    }
  }
}
