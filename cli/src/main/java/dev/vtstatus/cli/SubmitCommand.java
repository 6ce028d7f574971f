package dev.vtstatus.cli;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.VideoTranslationClientBuilder;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vtstatus submit [--wait]}: creates a job and prints its id (or its JSON); with {@code
 * --wait} it then waits for it like {@code vtstatus wait}. Not thread-safe.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Creates a translation job and prints its id (with --json, the job as JSON).",
      "With --wait it then waits for the job like 'vtstatus wait' and exits with its code.",
      ""
    },
    footer = {"", "Exit codes: 0 created (with --wait: completed), 1 error or canceled, 2 usage"
        + " error, 3 server unreachable or refused, 4 still pending at the deadline."})
final class SubmitCommand implements Callable<Integer>, TalksToServer {
  @Spec CommandSpec spec;

  @Option(names = "--wait", description = "Wait for the job to end, then print it as JSON.")
  boolean waitForIt;

  @Option(names = "--json", description = "Print the created job as JSON instead of its id.")
  boolean json;

  @Option(names = "--source-language", paramLabel = "LANG", description = "Language of the video, e.g. en.")
  String sourceLanguage;

  @Option(names = "--target-language", paramLabel = "LANG", description = "Language to translate into, e.g. es.")
  String targetLanguage;

  @Option(names = "--video-url", paramLabel = "URL", description = "The video to translate.")
  String videoUrl;

  @Option(names = "--callback-url", paramLabel = "URL",
      description = "Where the server POSTs the job, signed, when it ends.")
  String callbackUrl;

  @Option(names = "--metadata", paramLabel = "KEY=VALUE",
      description = "Your own data, echoed back with the job; repeat for several.")
  Map<String, String> metadata = new LinkedHashMap<>();

  @Option(names = "--simulate-duration", paramLabel = "DURATION",
      description = "Ask the simulator for a job of exactly this duration, e.g. 3s.")
  Duration simulateDuration;

  @Option(names = "--simulate-outcome", paramLabel = "completed|error",
      description = "Ask the simulator for this outcome.")
  String simulateOutcome;

  @Mixin ConnectionOptions connection;

  @Mixin WaitOptions wait;

  @Override
  public String serverUrl() {
    return connection.url;
  }

  @Override
  public Integer call() {
    JobRequest request = request();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar = JobWaiter.progressBar(err, wait);
    VideoTranslationClientBuilder builder = wait.applyTo(connection.clientBuilder());
    if (waitForIt) {
      builder.addListener(bar);
    } else {
      // Nothing will be waited for: a polling strategy keeps the client from opening the event
      // stream (and reading the capabilities) before the create, so the submit is one request.
      builder.waitStrategy(WaitStrategy.hinted());
    }
    try (VideoTranslationClient client = builder.build()) {
      Job job = client.createJob(request);
      if (!waitForIt) {
        out.println(json ? Formats.prettyJson(job) : job.jobId());
        out.flush();
        return ExitCode.OK;
      }
      err.println("created job " + job.jobId());
      err.flush();
      return JobWaiter.waitAndReport(client, job.jobId(), job, null, wait, bar, out, err);
    }
  }

  private JobRequest request() {
    JobRequest.Builder request = JobRequest.builder()
        .sourceLanguage(sourceLanguage)
        .targetLanguage(targetLanguage)
        .videoUrl(videoUrl)
        .callbackUrl(callbackUrl);
    metadata.forEach(request::metadata);
    if (simulateDuration != null || simulateOutcome != null) {
      request.simulate(new Simulation(simulateDuration, outcome()));
    }
    return request.build();
  }

  private JobStatus outcome() {
    if (simulateOutcome == null) {
      return null;
    }
    if (!simulateOutcome.equals("completed") && !simulateOutcome.equals("error")) {
      throw new ParameterException(spec.commandLine(),
          "--simulate-outcome must be completed or error, was '" + simulateOutcome + "'");
    }
    return JobStatus.fromWire(simulateOutcome);
  }
}
