package dev.vtstatus.cli;

import dev.vtstatus.client.VideoTranslationClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vtstatus status ID}: reads a job once and prints it as JSON. Not thread-safe. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {"Reads a job once, without waiting, and prints it as JSON.", ""})
final class StatusCommand implements Callable<Integer>, TalksToServer {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The job's id, as printed by vtstatus submit.")
  String jobId;

  @Mixin ConnectionOptions connection;

  @Override
  public String serverUrl() {
    return connection.url;
  }

  @Override
  public Integer call() {
    try (VideoTranslationClient client = connection.clientBuilder().build()) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(Formats.prettyJson(client.getStatus(jobId)));
      out.flush();
      return ExitCode.OK;
    }
  }
}
