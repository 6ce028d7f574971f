package dev.vtstatus.cli;

import dev.vtstatus.protocol.JobStatus;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Draws a {@link JobBoard} while the demo waits. On a terminal ({@link ProgressMode#ansi}) the board
 * is redrawn in place, a line per job; elsewhere ({@link ProgressMode#plain}) a line is printed when
 * a job ends and a summary line every second.
 *
 * <p>Owns one daemon thread between {@link #start()} and {@link #stop()}; thread-safe.
 */
final class LiveDisplay implements AutoCloseable {
  private static final Duration ANSI_PERIOD = Duration.ofMillis(200);
  private static final Duration PLAIN_PERIOD = Duration.ofSeconds(1);
  /** The most job lines redrawn in place; more would scroll off a terminal and break the redraw. */
  static final int MAX_ROWS = 20;

  private final JobBoard board;
  private final PrintWriter out;
  private final ProgressMode mode;
  private final Clock clock;
  private final Set<String> reported = new HashSet<>();
  private ScheduledExecutorService timer;
  private Instant started;
  private int linesDrawn;

  LiveDisplay(JobBoard board, PrintWriter out, ProgressMode mode, Clock clock) {
    this.board = board;
    this.out = out;
    this.mode = mode.resolve();
    this.clock = clock;
  }

  /** Starts drawing; does nothing for {@link ProgressMode#none}. */
  synchronized void start() {
    if (mode == ProgressMode.none || timer != null) {
      return;
    }
    started = clock.instant();
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "vtstatus-progress");
      thread.setDaemon(true);
      return thread;
    });
    long period = (mode == ProgressMode.ansi ? ANSI_PERIOD : PLAIN_PERIOD).toMillis();
    timer.scheduleAtFixedRate(this::draw, period, period, TimeUnit.MILLISECONDS);
  }

  /** Stops the timer and draws the final state once. */
  synchronized void stop() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    timer = null;
    draw();
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void draw() {
    List<JobBoard.Row> rows = board.rows();
    if (mode == ProgressMode.ansi) {
      drawInPlace(rows);
    } else {
      drawLines(rows);
    }
    out.flush();
  }

  private void drawInPlace(List<JobBoard.Row> rows) {
    if (linesDrawn > 0) {
      out.print("\033[" + linesDrawn + "A");
    }
    List<JobBoard.Row> shown = rows.subList(0, Math.min(rows.size(), MAX_ROWS));
    for (JobBoard.Row row : shown) {
      out.print("\r\033[2K" + JobBoard.line(row) + "\n");
    }
    if (rows.size() > shown.size()) {
      out.print("\r\033[2K  + " + (rows.size() - shown.size()) + " more jobs\n");
    }
    out.print("\r\033[2K  " + Formats.duration(Duration.between(started, clock.instant())) + ": "
        + JobBoard.summary(rows) + "\n");
    linesDrawn = shown.size() + (rows.size() > shown.size() ? 1 : 0) + 1;
  }

  private void drawLines(List<JobBoard.Row> rows) {
    boolean ended = false;
    for (JobBoard.Row row : rows) {
      if (row.status() != JobStatus.PENDING && reported.add(row.jobId())) {
        out.println(JobBoard.line(row));
        ended = true;
      }
    }
    if (!ended || reported.size() < rows.size()) {
      out.println("  " + Formats.duration(Duration.between(started, clock.instant())) + ": "
          + JobBoard.summary(rows));
    }
  }
}
