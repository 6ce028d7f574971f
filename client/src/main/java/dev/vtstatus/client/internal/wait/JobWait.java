package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.client.WaitTimeoutException;
import dev.vtstatus.client.WaitToken;
import dev.vtstatus.client.internal.strategy.AdaptiveStrategy;
import dev.vtstatus.client.internal.strategy.PollInput;
import dev.vtstatus.client.internal.strategy.ScheduleStrategy;
import dev.vtstatus.client.internal.trace.Tracing;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One wait for one job: its deadline, what was last seen, how many requests it made, and its
 * future, which completes exactly once: with the terminal job, with a timeout at the deadline, or
 * with the error that made the outcome unknowable. Whichever channel observes the job (polls, long
 * polls, events, batch reads) reports here, so a job is never reported twice. Thread-safe.
 */
public final class JobWait {
  private static final int MAX_ESTIMATES = 4;

  private final String jobId;
  private final Instant start;
  private final Instant deadline;
  private final Duration timeout;
  private final Clock clock;
  private final WaitListener listener;
  private final ScheduleStrategy learner;
  private final Tracing.OperationTrace trace;
  private final AtomicInteger requests = new AtomicInteger();
  private final CompletableFuture<Job> future = new CompletableFuture<>();
  private final Instant localCreatedAt;
  private final URI server;

  /** The latest estimates seen (moment, estimated end), so the learner can judge them at the end. */
  private final ArrayDeque<Instant[]> estimates = new ArrayDeque<>();

  private Job lastSeen;
  private Instant lastSeenAt;
  private Instant lastPendingAt;
  private Duration lastRetryAfter;
  private boolean done;
  private ScheduledFuture<?> deadlineTimer;
  private CompletableFuture<?> inFlight;
  private int channel;

  /**
   * Creates the wait; {@link #start} arms its deadline.
   *
   * @param timeout how long the wait may take, or null to take it from {@code deadline}
   * @param deadline the moment the wait times out, or null to take it from {@code timeout}
   * @param created the create answer when this client made the job (its first observation), or null
   * @param localCreatedAt when the job was created by this client's clock, or null
   * @param lastPendingAt when the job was last seen pending (by an earlier process), or null
   * @param learner told how the job ended, so a learning strategy learns
   * @param server the server's base URL, for the wait's token
   */
  public JobWait(
      String jobId,
      Duration timeout,
      Instant deadline,
      URI server,
      Clock clock,
      WaitListener listener,
      ScheduleStrategy learner,
      Tracing.OperationTrace trace,
      Job created,
      Instant localCreatedAt,
      Instant lastPendingAt) {
    this.jobId = jobId;
    this.clock = clock;
    this.listener = listener;
    this.learner = learner;
    this.trace = trace;
    this.server = server;
    this.start = clock.instant();
    this.timeout = timeout != null ? timeout : Duration.between(start, deadline);
    this.deadline = timeout != null ? start.plus(timeout) : deadline;
    this.localCreatedAt = localCreatedAt;
    this.lastPendingAt = lastPendingAt;
    if (created != null) {
      this.lastSeen = created;
      this.lastSeenAt = localCreatedAt != null ? localCreatedAt : start;
      this.lastPendingAt = created.isTerminal() ? null : lastSeenAt;
      remember(created, lastSeenAt);
    }
  }

  /** Announces the wait and arms the deadline timer. */
  public void start(ScheduledExecutorService scheduler) {
    listener.waitStarted(jobId, trace.traceParent());
    try {
      ScheduledFuture<?> timer =
          scheduler.schedule(this::onDeadline, timeout.toNanos(), TimeUnit.NANOSECONDS);
      synchronized (this) {
        deadlineTimer = timer;
        if (done) {
          timer.cancel(false);
        }
      }
    } catch (RejectedExecutionException e) {
      fail(new ClientClosedException());
    }
  }

  /** Returns the job waited for. */
  public String jobId() {
    return jobId;
  }

  /** Returns the moment the wait times out. */
  public Instant deadline() {
    return deadline;
  }

  /** Returns the wait's timeout. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Registers the request now on the wire for this wait, so that a wait ended early (cancelled,
   * timed out, client closed) also ends its request; a wait already ended cancels it at once.
   */
  public void inFlight(CompletableFuture<?> request) {
    synchronized (this) {
      if (!done) {
        inFlight = request;
        return;
      }
    }
    request.cancel(true);
  }

  /**
   * Returns the number of the channel that drives the wait now; a driver notes it when it starts and
   * stops acting (and reporting failures) once it has changed.
   */
  public synchronized int channel() {
    return channel;
  }

  /**
   * Takes the wait from its driver, to hand it to another channel: the driver's next step sees the
   * new {@link #channel()} and stops, and its request on the wire is aborted.
   */
  public void moveChannel() {
    CompletableFuture<?> request;
    synchronized (this) {
      channel++;
      request = inFlight;
      inFlight = null;
    }
    if (request != null) {
      request.cancel(true);
    }
  }

  /** Returns the wait's trace. */
  public Tracing.OperationTrace trace() {
    return trace;
  }

  /** Returns the counter of this wait's requests. */
  public AtomicInteger requests() {
    return requests;
  }

  /** Returns the future the wait completes, once. */
  public CompletableFuture<Job> future() {
    return future;
  }

  /** Returns whether the wait has ended, however. */
  public synchronized boolean isDone() {
    return done;
  }

  /** Returns when the job was last observed (the create answer counts), or null. */
  public synchronized Instant lastSeenAt() {
    return lastSeenAt;
  }

  /** Returns when the job was created, by the server's clock when known, else this client's. */
  public synchronized Instant createdAt() {
    return lastSeen != null && lastSeen.createdAt() != null ? lastSeen.createdAt() : localCreatedAt;
  }

  /** Returns the wait as a token, to be resumed elsewhere with the same deadline. */
  public synchronized WaitToken token() {
    return new WaitToken(jobId, server, deadline, createdAt(), lastPendingAt,
        lastSeen == null ? null : lastSeen.status().wireName());
  }

  /** Returns what a poll planner needs now. */
  public synchronized PollInput pollInput(int polls) {
    return new PollInput(clock.instant(), start, createdAt(), lastSeen, lastRetryAfter, polls);
  }

  /**
   * Records one observation; a terminal one ends the wait (once). Observations after the end are
   * ignored.
   */
  public void observe(Job job, Duration retryAfter) {
    observe(job, retryAfter, null);
  }

  /**
   * Records an observation that the client received earlier, at {@code receivedAt} (an event that
   * arrived before this wait began): the detection latency counts from when it arrived.
   */
  public void observe(Job job, Duration retryAfter, Instant receivedAt) {
    Runnable complete;
    synchronized (this) {
      if (done) {
        return;
      }
      Instant now = clock.instant();
      Instant seenAt = receivedAt != null && receivedAt.isBefore(now) ? receivedAt : now;
      listener.statusPolled(jobId, job, Duration.between(start, now));
      JobStatus from = lastSeen == null ? null : lastSeen.status();
      if (from != job.status()) {
        listener.statusChanged(jobId, from, job.status(), job);
      }
      lastSeen = job;
      lastSeenAt = now;
      lastRetryAfter = retryAfter;
      if (!job.isTerminal()) {
        lastPendingAt = now;
        remember(job, now);
        return;
      }
      done = true;
      cancelTimer();
      Duration latency = null;
      if (job.completedAt() != null) {
        latency = Duration.between(job.completedAt(), seenAt);
        latency = latency.isNegative() ? Duration.ZERO : latency;
      }
      WaitSummary summary =
          new WaitSummary(jobId, job.status(), Duration.between(start, now), requests.get(), latency);
      if (job.status() != JobStatus.CANCELED && job.completedAt() != null) {
        for (Instant[] e : estimates) {
          learner.learnEstimate(e[0], e[1], job.completedAt());
        }
      }
      if (job.status() != JobStatus.CANCELED) {
        learner.learn(
            AdaptiveStrategy.pair(job.sourceLanguage(), job.targetLanguage()),
            createdAt(),
            lastPendingAt,
            job.completedAt(),
            now);
      }
      listener.jobFinished(jobId, job, summary);
      trace.end(job.status().wireName(), null);
      complete = () -> future.complete(job);
    }
    abortRequest();
    complete.run();
  }

  /**
   * Ends the wait with an error. A {@link DeadlineReachedException} does not: the deadline timer
   * ends the wait with a timeout at the deadline itself.
   */
  public void fail(Throwable error) {
    if (error instanceof DeadlineReachedException) {
      return;
    }
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      cancelTimer();
      trace.end("error", error);
    }
    abortRequest();
    future.completeExceptionally(error);
  }

  private void onDeadline() {
    WaitTimeoutException timedOut;
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      cancelTimer();
      listener.jobTimedOut(jobId, lastSeen, timeout);
      timedOut = new WaitTimeoutException(jobId, timeout, lastSeen, token());
      trace.end("timed_out", timedOut);
    }
    abortRequest();
    future.completeExceptionally(timedOut);
  }

  private void remember(Job job, Instant at) {
    if (job.estimatedCompletionAt() == null) {
      return;
    }
    if (estimates.size() == MAX_ESTIMATES) {
      estimates.removeFirst();
    }
    estimates.addLast(new Instant[] {at, job.estimatedCompletionAt()});
  }

  /** Stops the deadline timer; called once, holding the lock, when the wait is done. */
  private void cancelTimer() {
    if (deadlineTimer != null) {
      deadlineTimer.cancel(false);
    }
  }

  /**
   * Aborts the request on the wire, if any; called once the wait is done, without the lock, since
   * cancelling runs the request's callbacks at once.
   */
  private void abortRequest() {
    CompletableFuture<?> request;
    synchronized (this) {
      request = inFlight;
      inFlight = null;
    }
    if (request != null) {
      request.cancel(true);
    }
  }
}
