package dev.vtstatus.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes: how much to say when something fails and how to format logs.
 * Declared once on the top-level command and inherited by every subcommand, so that they may be
 * given before or after the subcommand's name. Not thread-safe; picocli fills it once per run.
 */
final class CommonOptions {
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show debug logs and the stack trace of an error.")
  boolean verbose;

  @Option(
      names = "--log-format",
      scope = ScopeType.INHERIT,
      paramLabel = "text|json",
      defaultValue = "${VTSTATUS_LOG_FORMAT:-text}",
      description =
          "Log lines as human-readable text or as JSON lines (env VTSTATUS_LOG_FORMAT, default:"
              + " ${DEFAULT-VALUE}).")
  LogFormat logFormat = LogFormat.text;
}
