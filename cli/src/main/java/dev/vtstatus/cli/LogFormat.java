package dev.vtstatus.cli;

/** How log lines are written to standard error. */
public enum LogFormat {
  /** One human-readable line per event. */
  text,
  /** One JSON object per line (Logstash layout), for log collectors. */
  json
}
