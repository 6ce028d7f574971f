package dev.vtstatus.cli;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitTimeoutException;
import dev.vtstatus.client.WaitToken;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Waits for one job with a progress bar on standard error, prints the final job as JSON on standard
 * output and turns its status into the exit code: 0 completed, 1 error or canceled, 4 still pending
 * at the deadline. Shared by {@code wait} and {@code submit --wait}. Not thread-safe.
 */
final class JobWaiter {
  private JobWaiter() {}

  /** Prints the token of the wait still in progress when the process is being stopped. */
  private static void printToken(VideoTranslationClient client, String jobId, ProgressBar bar, PrintWriter err) {
    try {
      String token = client.waitToken(jobId).toString();
      bar.finish();
      err.println();
      err.println("stopped while job " + jobId + " was pending; carry on with the time left:");
      err.println("  vtstatus wait --resume " + token);
      err.flush();
    } catch (IllegalStateException ended) {
      // the wait had ended: nothing to resume
    }
  }

  /** Returns a progress bar for {@code options}, to register on the client before it is built. */
  static ProgressBar progressBar(PrintWriter err, WaitOptions options) {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "vtstatus-progress");
      thread.setDaemon(true);
      return thread;
    });
    return new ProgressBar(err, options.progress, Clock.systemUTC(), ticker);
  }

  /**
   * Waits for {@code jobId} and reports it. If the process is stopped meanwhile (Ctrl-C), the
   * wait's token is printed on standard error, so {@code vtstatus wait --resume TOKEN} carries it
   * on with the time it had left.
   *
   * @param known the job as last seen, or null to read it first (so the bar has a starting point)
   * @param resumed the token of the wait to carry on, or null for a new wait of the options' timeout
   * @return the exit code for the job's final status
   */
  static int waitAndReport(VideoTranslationClient client, String jobId, Job known, WaitToken resumed,
      WaitOptions options, ProgressBar bar, PrintWriter out, PrintWriter err) {
    Job job;
    Thread hook = new Thread(() -> printToken(client, jobId, bar, err), "vtstatus-wait-token");
    try {
      bar.start(known != null ? known : client.getStatus(jobId), client::getStatusAsync);
      // until the wait begins, the hook finds none in progress and prints nothing
      Runtime.getRuntime().addShutdownHook(hook);
      job = resumed != null ? client.resumeWait(resumed) : client.waitForResult(jobId, options.timeout);
    } catch (WaitTimeoutException timeout) {
      bar.finish();
      if (timeout.lastSeen() != null) {
        out.println(Formats.prettyJson(timeout.lastSeen()));
        out.flush();
      }
      throw timeout;
    } finally {
      bar.finish();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: it printed the token
      }
    }
    out.println(Formats.prettyJson(job));
    out.flush();
    if (job.status() == JobStatus.COMPLETED) {
      return ExitCode.OK;
    }
    err.println("job " + jobId + " ended " + job.status().wireName()
        + (job.error() != null && job.error().message() != null ? ": " + job.error().message() : ""));
    err.flush();
    return ExitCode.FAILED;
  }
}
