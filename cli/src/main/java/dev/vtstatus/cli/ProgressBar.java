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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows one job's progress as a bar built from the server's {@code progress} and {@code
 * estimated_completion_at}. On a terminal it is redrawn in place several times a second, moving
 * along the server's last estimate between observations (an event stream sends none until the job
 * ends); elsewhere it prints one line per observation.
 *
 * <p>Thread-safe: the client calls it from its own threads. Owns one daemon thread between {@link
 * #start} and {@link #finish} in ANSI mode.
 */
final class ProgressBar implements WaitListener {
  private static final int WIDTH = 24;
  private static final Duration REDRAW = Duration.ofMillis(250);

  private final PrintWriter out;
  private final ProgressMode mode;
  private final Clock clock;
  private int requests;
  private Job last;
  private Instant started;
  private boolean drawn;
  private boolean finished;
  private String lastLine;
  private ScheduledExecutorService ticker;

  /**
   * Creates a bar.
   *
   * @param out where to draw, usually standard error so standard output stays the job's JSON
   * @param mode how to draw; {@link ProgressMode#auto} picks ANSI on a terminal
   * @param clock the clock elapsed and remaining times are measured with
   */
  ProgressBar(PrintWriter out, ProgressMode mode, Clock clock) {
    this.out = out;
    this.mode = mode.resolve();
    this.clock = clock;
  }

  /** Draws the job as first seen and, on a terminal, keeps redrawing it until {@link #finish}. */
  synchronized void start(Job job) {
    started = clock.instant();
    last = job;
    draw(Duration.ZERO);
    if (mode == ProgressMode.ansi && ticker == null) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "vtstatus-progress");
        thread.setDaemon(true);
        return thread;
      });
      ticker.scheduleAtFixedRate(this::redraw, REDRAW.toMillis(), REDRAW.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void requestSent(String jobId, String method, URI uri, int attempt) {
    requests++;
  }

  @Override
  public synchronized void statusPolled(String jobId, Job job, Duration elapsed) {
    last = job;
    draw(elapsed);
  }

  @Override
  public synchronized void jobFinished(String jobId, Job job, WaitSummary summary) {
    last = job;
    requests = Math.max(requests, summary.requests());
    draw(summary.elapsed());
  }

  /** Stops redrawing and ends the bar's line, so whatever is printed next starts on a fresh one. */
  synchronized void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
    }
    if (drawn && mode == ProgressMode.ansi) {
      out.println();
      out.flush();
    }
  }

  private synchronized void redraw() {
    if (last != null && !last.isTerminal()) {
      draw(Duration.between(started, clock.instant()));
    }
  }

  private void draw(Duration elapsed) {
    if (mode == ProgressMode.none || finished || last == null) {
      return;
    }
    String line = render(last, elapsed, requests, clock.instant());
    if (mode == ProgressMode.plain && line.equals(lastLine)) {
      return;
    }
    lastLine = line;
    if (mode == ProgressMode.ansi) {
      out.print("\r\033[2K" + line);
    } else {
      out.println(line);
    }
    out.flush();
    drawn = true;
  }

  /**
   * Renders one line: {@code [#########---------------]  38%  pending  1.2s elapsed  ~2s left  3 requests}.
   * A pending job's share is projected from the server's estimate (see {@link JobBoard#projected});
   * a job without any figure (the seed protocol has none) shows {@code ?}.
   */
  static String render(Job job, Duration elapsed, int requests, Instant now) {
    Double progress = job.isTerminal() ? Double.valueOf(1.0)
        : JobBoard.projected(job.progress(), job.createdAt(), job.estimatedCompletionAt(), now);
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
    return line.append("  ").append(Formats.count(requests, "request")).toString();
  }
}
