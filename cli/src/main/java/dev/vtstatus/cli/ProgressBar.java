package dev.vtstatus.cli;

import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.protocol.Job;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows one job's progress as a bar built from the server's {@code progress} and {@code
 * estimated_completion_at}: redrawn in place on a terminal, one line per observation otherwise.
 *
 * <p>Thread-safe: the client calls it from its own threads.
 */
final class ProgressBar implements WaitListener {
  private static final int WIDTH = 24;

  private final PrintWriter out;
  private final ProgressMode mode;
  private final Clock clock;
  private final AtomicInteger requests = new AtomicInteger();
  private boolean drawn;

  /**
   * Creates a bar.
   *
   * @param out where to draw, usually standard error so standard output stays the job's JSON
   * @param mode {@link ProgressMode#ansi}, {@link ProgressMode#plain} or {@link ProgressMode#none}
   * @param clock the clock the time left is measured against
   */
  ProgressBar(PrintWriter out, ProgressMode mode, Clock clock) {
    this.out = out;
    this.mode = mode.resolve();
    this.clock = clock;
  }

  @Override
  public void requestSent(String jobId, String method, URI uri, int attempt) {
    requests.incrementAndGet();
  }

  @Override
  public void statusPolled(String jobId, Job job, Duration elapsed) {
    draw(render(job, elapsed, requests.get(), clock.instant()));
  }

  @Override
  public void jobFinished(String jobId, Job job, WaitSummary summary) {
    draw(render(job, summary.elapsed(), summary.requests(), clock.instant()));
  }

  /** Ends the bar's line, so whatever is printed next starts on a fresh one. */
  synchronized void finish() {
    if (drawn && mode == ProgressMode.ansi) {
      out.println();
      out.flush();
    }
  }

  private synchronized void draw(String line) {
    if (mode == ProgressMode.none) {
      return;
    }
    if (mode == ProgressMode.ansi) {
      out.print("\r\033[2K" + line);
    } else {
      out.println(line);
    }
    out.flush();
    drawn = true;
  }

  /**
   * Renders one line: {@code [#########---------------]  38%  pending  1.2s elapsed  ~2.0s left  3 requests}.
   * A job without a progress figure (the seed protocol has none) shows {@code ?}.
   */
  static String render(Job job, Duration elapsed, int requests, Instant now) {
    Double progress = job.isTerminal() ? Double.valueOf(1.0) : job.progress();
    double share = progress == null ? 0.0 : Math.max(0.0, Math.min(1.0, progress));
    int filled = (int) Math.round(share * WIDTH);
    StringBuilder line = new StringBuilder("[")
        .append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
        .append(progress == null ? "   ?" : String.format(Locale.ROOT, "%3d%%", Math.round(share * 100)))
        .append("  ").append(String.format(Locale.ROOT, "%-9s", job.status().wireName()))
        .append("  ").append(Formats.duration(elapsed)).append(" elapsed");
    if (!job.isTerminal() && job.estimatedCompletionAt() != null) {
      Duration left = Duration.between(now, job.estimatedCompletionAt());
      line.append("  ").append(left.isNegative() ? "any moment now" : "~" + Formats.duration(left) + " left");
    }
    return line.append("  ").append(requests).append(requests == 1 ? " request" : " requests").toString();
  }
}
