package dev.vtstatus.cli;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.VideoTranslationClientBuilder;
import dev.vtstatus.client.WaitToken;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

  @Parameters(paramLabel = "ID", arity = "0..1",
      description = "The job's id, as printed by vtstatus submit (not needed with --resume).")
  String jobId;

  @Option(names = "--resume", paramLabel = "TOKEN",
      description = "Carry on a wait from the token printed when an earlier wait was stopped or ran out"
          + " of time: same job, same server, same deadline (--url and --timeout do not apply).")
  String resume;

  @Mixin ConnectionOptions connection;

  @Mixin WaitOptions wait;

  private WaitToken token;

  @Override
  public String serverUrl() {
    return token != null ? token.server().toString() : connection.url;
  }

  @Override
  public Integer call() {
    token = resumed();
    String id = token != null ? token.jobId() : jobId;
    VideoTranslationClientBuilder builder = token != null
        ? ConnectionOptions.builderFor(spec, token.server().toString(), connection.apiKey)
        : connection.clientBuilder();
    ProgressBar bar = JobWaiter.progressBar(spec.commandLine().getErr(), wait);
    try (VideoTranslationClient client = wait.applyTo(builder).addListener(bar).build()) {
      return JobWaiter.waitAndReport(client, id, null, token, wait, bar, spec.commandLine().getOut(),
          spec.commandLine().getErr());
    }
  }

  /** Returns the token of {@code --resume}, or null; exactly one of ID and {@code --resume} is needed. */
  private WaitToken resumed() {
    if ((resume == null) == (jobId == null)) {
      throw new ParameterException(spec.commandLine(),
          "give either a job ID or --resume TOKEN, e.g. vtstatus wait 3f6c9a0e-... ");
    }
    if (resume == null) {
      return null;
    }
    try {
      return WaitToken.parse(resume);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--resume: " + e.getMessage());
    }
  }
}
