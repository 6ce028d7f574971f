package dev.vtstatus.cli;

import dev.vtstatus.client.VideoTranslationClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vtstatus status ID}: reads a job once and prints it as JSON. Not thread-safe. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {"Reads a job once, without waiting, and prints it as JSON.", ""},
    footer = {"", "Exit codes: 0 read, 2 usage error or an id the server rejects, 3 server"
        + " unreachable, silent or refused, or no such job."})
final class StatusCommand implements Callable<Integer>, TalksToServer {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The job's id, as printed by vtstatus submit.")
  String jobId;

  @Mixin ConnectionOptions connection;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "${VTSTATUS_TIMEOUT:-30s}",
      description = "Longest time for the read, retries included, e.g. 5s (env VTSTATUS_TIMEOUT,"
          + " default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public String serverUrl() {
    return connection.url;
  }

  @Override
  public Integer call() {
    try (VideoTranslationClient client = connection.clientBuilder().callTimeout(timeout).build()) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(Formats.prettyJson(client.getStatus(jobId)));
      out.flush();
      return ExitCode.OK;
    }
  }
}
