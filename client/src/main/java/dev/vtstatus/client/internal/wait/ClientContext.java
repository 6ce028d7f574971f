package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.internal.http.HttpAnswer;
import dev.vtstatus.client.internal.trace.Tracing;
import dev.vtstatus.protocol.Causes;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobBatch;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every part of a client shares (its waits, channels, one-shot calls and server probe): the
 * clock, the scheduler, the listeners, the request runner and the routes, plus the reads they all
 * make. Immutable and thread-safe.
 *
 * @param clock the client's clock
 * @param scheduler runs timers and the client's own work
 * @param listener the listener chain
 * @param runner sends requests with retries
 * @param routes the server's URIs
 * @param tracing makes trace context
 * @param seed the seed-protocol routes this server answers on
 */
public record ClientContext(
    Clock clock,
    ScheduledExecutorService scheduler,
    WaitListener listener,
    RequestRunner runner,
    Routes routes,
    Tracing tracing,
    SeedDialect seed) {

  /** One observation of a job: the job and the answer's {@code Retry-After}, if any. */
  public record Observation(Job job, Duration retryAfter) {}

  /**
   * Reads one job for a wait; {@code longPollWait} non-null makes it a long poll of at most that.
   * Fails with {@link dev.vtstatus.client.JobNotFoundException} when the server does not know it.
   */
  public CompletableFuture<Observation> read(JobWait wait, ServerProfile profile, Duration longPollWait) {
    String id = wait.jobId();
    URI uri = profile.seed() ? routes.seedStatus(id) : routes.job(id);
    RequestRunner.Request request =
        new RequestRunner.Request(
            "GET", uri, null, Map.of(), id, wait.deadline(), longPollWait, wait.trace(), wait.requests());
    CompletableFuture<HttpAnswer> sent = profile.seed()
        ? seed.status(id, other -> runner.run(request.withUri(other)))
        : runner.run(request);
    wait.inFlight(sent);
    return sent
        .thenApply(
            answer -> {
              if (answer.status() / 100 != 2) {
                throw AnswerReader.refusal(answer, id);
              }
              Job job =
                  profile.seed()
                      ? AnswerReader.seedStatus(answer, id, wait.createdAt())
                      : AnswerReader.job(answer, id);
              return new Observation(job, AnswerReader.retryAfter(answer, clock.instant()));
            });
  }

  /**
   * Reads the wait's job once and gives the wait the answer, or fails it with the read's error; the
   * returned future completes when that is done, never exceptionally, with whether an answer was
   * given (after a failure, or once the wait has moved to another channel, it polls no more).
   */
  public CompletableFuture<Boolean> readInto(JobWait wait, ServerProfile profile) {
    int channel = wait.channel();
    return read(wait, profile, null).handle((observation, error) -> {
      if (wait.channel() != channel) {
        return false;
      }
      if (error != null) {
        wait.fail(Causes.unwrap(error));
        return false;
      }
      wait.observe(observation.job(), observation.retryAfter());
      return true;
    });
  }

  /**
   * Reads up to the server's batch limit of jobs in one request; {@code longPollWait} non-null makes
   * it a batch long poll of at most that.
   */
  public CompletableFuture<JobBatch> readBatch(List<String> ids, Instant deadline, Duration longPollWait) {
    Tracing.OperationTrace trace =
        tracing.start(longPollWait == null ? "vtstatus.batch_read" : "vtstatus.batch_long_poll", null, null);
    RequestRunner.Request request =
        new RequestRunner.Request(
            "GET", routes.batch(ids), null, Map.of(), null, deadline, longPollWait, trace, new AtomicInteger());
    return runner
        .run(request)
        .thenApply(
            (HttpAnswer answer) -> {
              if (answer.status() / 100 != 2) {
                throw AnswerReader.refusal(answer, null);
              }
              return AnswerReader.batch(answer);
            })
        .whenComplete((batch, error) -> trace.end(error == null ? "ok" : "error", error));
  }
}
