package dev.vtstatus.cli;

import dev.vtstatus.client.VideoTranslationClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtstatus wait ID}: waits for a job with a progress bar, prints it as JSON and exits with a
 * code for its status. Not thread-safe.
 */
@Command(
    name = "wait",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Waits for a job to end, showing a progress bar from the server's progress and estimate, then"
          + " prints the job as JSON.",
      ""
    },
    footer = {"", "Exit codes: 0 completed, 1 error or canceled, 2 usage error,"
        + " 3 server unreachable or refused, 4 still pending at the deadline."})
final class WaitCommand implements Callable<Integer>, TalksToServer {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The job's id, as printed by vtstatus submit.")
  String jobId;

  @Mixin ConnectionOptions connection;

  @Mixin WaitOptions wait;

  @Override
  public String serverUrl() {
    return connection.url;
  }

  @Override
  public Integer call() {
    ProgressBar bar = JobWaiter.progressBar(spec.commandLine().getErr(), wait);
    try (VideoTranslationClient client =
        wait.applyTo(connection.clientBuilder()).addListener(bar).build()) {
      return JobWaiter.waitAndReport(client, jobId, null, wait, bar, spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
  }
}
