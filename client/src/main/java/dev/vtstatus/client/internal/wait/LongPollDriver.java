package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.ApiException;
import dev.vtstatus.client.ClientClosedException;
import dev.vtstatus.protocol.Causes;
import dev.vtstatus.protocol.Durations;
import dev.vtstatus.protocol.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Long polls one job: {@code GET /v1/jobs/{id}?wait=S} again and again, S the least of the
 * strategy's maximum, the server's and the time left (the runner caps it at the time left). A server
 * that answers "pending" at once instead of holding the request would make this a busy loop: such
 * answers are spaced by the server's poll hint (at least {@link #MIN_GAP}), and after {@link
 * #MAX_EARLY} in a row, or a refusal of the {@code wait} parameter (a 501, or a 400 that names
 * {@code wait} or that a read without it does not repeat), the channel is reported failed so the job
 * moves to polling. A 400 about the request itself fails only this wait. Once the wait moves to
 * another channel ({@link JobWait#moveChannel()}) the driver stops. Not shared between waits.
 */
public final class LongPollDriver {
  /** The shortest gap after an answer that came back early. */
  static final Duration MIN_GAP = Duration.ofMillis(100);
  /** Early answers in a row after which long polling is deemed not to work. */
  static final int MAX_EARLY = 3;
  private static final Pattern WAIT_WORD = Pattern.compile("\\bwait\\b", Pattern.CASE_INSENSITIVE);

  private final ClientContext context;
  private final JobWait wait;
  private final ServerProfile profile;
  private final Duration maxWait;
  private final BiConsumer<JobWait, Throwable> onChannelFailure;
  private final int channel;
  private int early;

  /**
   * Creates the driver.
   *
   * @param maxWait the most one request asks the server to hold
   * @param onChannelFailure called (once) when long polls do not work, to move the wait elsewhere
   */
  public LongPollDriver(
      ClientContext context,
      JobWait wait,
      ServerProfile profile,
      Duration maxWait,
      BiConsumer<JobWait, Throwable> onChannelFailure) {
    this.context = context;
    this.wait = wait;
    this.profile = profile;
    Duration serverMax = profile.maxWait();
    this.maxWait = serverMax.isZero() || serverMax.compareTo(maxWait) >= 0 ? maxWait : serverMax;
    this.onChannelFailure = onChannelFailure;
    this.channel = wait.channel();
  }

  /** Sends the first long poll. */
  public void start() {
    poll();
  }

  private void poll() {
    if (wait.isDone() || wait.channel() != channel) {
      return;
    }
    Instant sent = context.clock().instant();
    Duration asked = Durations.min(maxWait, Duration.between(sent, wait.deadline()));
    context
        .read(wait, profile, maxWait)
        .whenComplete(
            (observation, error) -> {
              if (wait.channel() != channel) {
                return;
              }
              if (error != null) {
                onError(Causes.unwrap(error));
                return;
              }
              Job job = observation.job();
              wait.observe(job, observation.retryAfter());
              if (wait.isDone()) {
                return;
              }
              Duration took = Duration.between(sent, context.clock().instant());
              if (took.compareTo(asked.dividedBy(2)) >= 0) {
                early = 0;
                poll();
                return;
              }
              early++;
              if (early >= MAX_EARLY) {
                onChannelFailure.accept(
                    wait, new IllegalStateException("the server answers long polls without waiting"));
                return;
              }
              Duration hint = job.pollAfter() != null ? job.pollAfter() : observation.retryAfter();
              Duration gap = hint == null || hint.compareTo(MIN_GAP) < 0 ? MIN_GAP : hint;
              if (!context.clock().instant().plus(gap).isBefore(wait.deadline())) {
                return;
              }
              try {
                context.scheduler().schedule(this::poll, gap.toNanos(), TimeUnit.NANOSECONDS);
              } catch (RejectedExecutionException e) {
                wait.fail(new ClientClosedException());
              }
            });
  }

  /**
   * A 501, or a 400 whose detail names the {@code wait} parameter, means the server refuses long
   * polls. Any other 400 may be about the request itself (an id that is not a job id, say), so one
   * read without {@code wait} decides: if it succeeds the long poll was the trouble; if it fails, its
   * failure ends this wait alone and the channel stays in use for the others.
   */
  private void onError(Throwable cause) {
    if (!(cause instanceof ApiException api) || (api.statusCode() != 400 && api.statusCode() != 501)) {
      wait.fail(cause);
    } else if (api.statusCode() == 501 || namesWait(api, wait.jobId())) {
      onChannelFailure.accept(wait, cause);
    } else {
      context.read(wait, profile, null).whenComplete((plain, plainError) -> {
        if (wait.channel() != channel) {
          return;
        }
        if (plainError != null) {
          wait.fail(Causes.unwrap(plainError));
          return;
        }
        wait.observe(plain.job(), plain.retryAfter());
        onChannelFailure.accept(wait, cause);
      });
    }
  }

  /** Returns whether a refusal's detail speaks of the {@code wait} parameter (not of the job id). */
  static boolean namesWait(ApiException api, String jobId) {
    String detail = api.problem() == null ? null : api.problem().detail();
    if (detail == null) {
      return false;
    }
    String rest = jobId.isEmpty() ? detail : detail.replace("'" + jobId + "'", "").replace(jobId, "");
    return rest.contains("'wait'") || rest.contains("wait=")
        || WAIT_WORD.matcher(rest.replaceAll("'[^']*'", "")).find();
  }
}
