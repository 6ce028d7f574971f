package dev.vtstatus.examples;

import dev.vtstatus.client.ClientMetrics;
import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitTimeoutException;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The README's quick start as a program: creates one translation job, waits for it, and prints its
 * outcome and the client's metrics.
 *
 * <pre>{@code
 * ./vtstatus server &
 * java -p MODULE_PATH -m dev.vtstatus.examples/dev.vtstatus.examples.QuickStart URL
 * }</pre>
 */
public final class QuickStart {
  private QuickStart() {}

  /**
   * Runs the quick start against the server at {@code args[0]}, default {@code
   * http://127.0.0.1:5000}.
   */
  public static void main(String[] args) {
    run(args.length > 0 ? args[0] : "http://127.0.0.1:5000", System.out);
  }

  /**
   * Creates a job on the server at {@code baseUrl}, waits for it (at most 2 minutes) and prints
   * what happened to {@code out}.
   *
   * @return the job as it ended, or null when it was still pending at the deadline
   */
  public static Job run(String baseUrl, PrintStream out) {
    try (VideoTranslationClient client = VideoTranslationClient.builder()
        .baseUrl(baseUrl)
        .timeout(Duration.ofMinutes(2))
        .build()) {

      Job job = client.createJob(JobRequest.builder()
          .sourceLanguage("en").targetLanguage("es")
          .videoUrl("https://example.com/talk.mp4")
          .build());
      out.println("created " + job.jobId());

      Job done = null;
      try {
        done = client.waitForResult(job.jobId());
        switch (done.status()) {
          case COMPLETED -> out.println("translated: " + done.result().videoUrl());
          case ERROR, CANCELED -> out.println("failed: " + done.error().message());
          default -> throw new IllegalStateException("not terminal: " + done.status());
        }
      } catch (WaitTimeoutException e) {
        out.println("still pending after " + e.timeout() + ": " + e.lastSeen());
      }

      ClientMetrics metrics = client.metrics();
      out.println(metrics.successRate() + " success, "
          + metrics.requestsPerJob() + " requests/job");
      out.println(metrics.toMap());
      return done;
    }
  }
}
