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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Shows one job's progress as a bar built from the server's {@code progress} and {@code
 * estimated_completion_at}. On a terminal it is redrawn in place several times a second, moving
 * along the server's last estimate between observations (an event stream sends none until the job
 * ends); elsewhere it prints one line per observation. When a job runs past the estimate, the bar
 * reads the job again (after 1 s, then at doubling gaps up to 30 s) for a fresh estimate, rather
 * than sitting at "any moment now".
 *
 * <p>Thread-safe: the client calls it from its own threads. Its ticks run on the scheduler it is
 * given, which {@link #finish} shuts down.
 */
final class ProgressBar implements WaitListener {
  private static final int WIDTH = 24;
  private static final Duration REDRAW = Duration.ofMillis(250);
  private static final Duration FIRST_REFRESH_GAP = Duration.ofSeconds(1);
  private static final Duration MAX_REFRESH_GAP = Duration.ofSeconds(30);

  private final PrintWriter out;
  private final ProgressMode mode;
  private final Clock clock;
  private int requests;
  private Job last;
  private Instant started;
  private boolean drawn;
  private boolean finished;
  private String lastLine;
  private final ScheduledExecutorService ticker;
  private Function<String, CompletableFuture<Job>> reader;
  private boolean refreshing;
  private Instant nextRefresh = Instant.MIN;
  private Duration refreshGap = FIRST_REFRESH_GAP;

  /**
   * Creates a bar that is drawn only when the client reports an observation; tests call {@link
   * #tick} themselves.
   *
   * @param out where to draw, usually standard error so standard output stays the job's JSON
   * @param mode how to draw; {@link ProgressMode#auto} picks ANSI on a terminal
   * @param clock the clock elapsed and remaining times are measured with
   */
  ProgressBar(PrintWriter out, ProgressMode mode, Clock clock) {
    this(out, mode, clock, null);
  }

  /**
   * Creates a bar that also ticks several times a second on {@code ticker} between {@link #start}
   * and {@link #finish}: redrawing in place on a terminal, and refreshing an overdue estimate.
   *
   * @param ticker where ticks run; shut down by {@link #finish}; null for no ticks
   */
  ProgressBar(PrintWriter out, ProgressMode mode, Clock clock, ScheduledExecutorService ticker) {
    this.out = out;
    this.mode = mode.resolve();
    this.clock = clock;
    this.ticker = ticker;
  }

  /**
   * Draws the job as first seen and keeps it current until {@link #finish}.
   *
   * @param reader reads the job once, for a fresh estimate when the last one has passed
   */
  synchronized void start(Job job, Function<String, CompletableFuture<Job>> reader) {
    started = clock.instant();
    last = job;
    this.reader = reader;
    draw(Duration.ZERO);
    if (ticker != null && mode != ProgressMode.none) {
      ticker.scheduleAtFixedRate(this::tick, REDRAW.toMillis(), REDRAW.toMillis(), TimeUnit.MILLISECONDS);
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
    }
    if (drawn && mode == ProgressMode.ansi) {
      out.println();
      out.flush();
    }
  }

  /** Redraws a pending job on a terminal, and reads it again once its estimate has passed. */
  synchronized void tick() {
    if (finished || last == null || last.isTerminal()) {
      return;
    }
    refreshIfOverdue();
    if (mode == ProgressMode.ansi) {
      draw(Duration.between(started, clock.instant()));
    }
  }

  private void refreshIfOverdue() {
    Instant now = clock.instant();
    Instant estimate = last.estimatedCompletionAt();
    if (reader == null || refreshing || estimate == null || now.isBefore(estimate)
        || now.isBefore(nextRefresh)) {
      return;
    }
    refreshing = true;
    nextRefresh = now.plus(refreshGap);
    refreshGap = refreshGap.multipliedBy(2).compareTo(MAX_REFRESH_GAP) > 0
        ? MAX_REFRESH_GAP : refreshGap.multipliedBy(2);
    try {
      reader.apply(last.jobId()).whenComplete((job, failure) -> refreshed(job));
    } catch (RuntimeException failure) {
      // A failed read only leaves the old estimate up; the wait itself reports what went wrong.
      refreshing = false;
    }
  }

  private synchronized void refreshed(Job job) {
    refreshing = false;
    if (job != null && !last.isTerminal()) {
      last = job;
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
