package dev.vtstatus.cli;

import picocli.CommandLine.Option;

/**
 * Options every subcommand takes: how much to say when something fails and how to format logs.
 * Mixed into each command with {@code @Mixin}. Not thread-safe; picocli fills it once per run.
 */
final class CommonOptions {
  @Option(
      names = "--verbose",
      description = "Show debug logs and the stack trace of an error.")
  boolean verbose;

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      defaultValue = "${VTSTATUS_LOG_FORMAT:-text}",
      description =
          "Log lines as human-readable text or as JSON lines (env VTSTATUS_LOG_FORMAT, default:"
              + " ${DEFAULT-VALUE}).")
  LogFormat logFormat = LogFormat.text;
}
