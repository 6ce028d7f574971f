package dev.vtstatus.client.internal.strategy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A wait strategy that polls on a schedule. Subclasses are immutable unless they say otherwise. */
public abstract class ScheduleStrategy extends BuiltInStrategy {

  /** Returns a plan that polls on this client's own instance ({@link #forClient()}). */
  @Override
  public final ChannelPlan channelPlan() {
    return ChannelPlan.pollingOnly(forClient());
  }

  /** Returns a planner for one wait. */
  public abstract PollPlanner newPlanner();

  /**
   * Returns the instance one client uses: itself for stateless strategies, a fresh learner for
   * learning ones, so what one client learns stays with it.
   */
  public ScheduleStrategy forClient() {
    return this;
  }

  /**
   * Tells the strategy how a job ended, so that a learning strategy can learn; the default ignores
   * it.
   *
   * @param languagePair for example {@code "en->es"}, or null
   * @param createdAt when the job was created
   * @param lastPendingAt when it was last seen pending, or null
   * @param completedAt the server's terminal moment, or null when unknown
   * @param observedAt when the client saw it terminal
   */
  public void learn(
      String languagePair,
      Instant createdAt,
      Instant lastPendingAt,
      Instant completedAt,
      Instant observedAt) {}

  /**
   * Tells the strategy how good one of the server's estimates was, so that a learning strategy can
   * learn the estimates' noise; the default ignores it.
   *
   * @param observedAt when the estimate was given
   * @param estimatedCompletionAt the estimate
   * @param completedAt when the job really ended
   */
  public void learnEstimate(Instant observedAt, Instant estimatedCompletionAt, Instant completedAt) {}

  /**
   * Returns whether polls of several jobs due within a few milliseconds of each other may be merged
   * into one batch read on servers that offer it; the default is false, so a schedule drawn for
   * comparison (the seed's, say) keeps one request per poll.
   */
  public boolean mergesPolls() {
    return false;
  }

  /**
   * Returns how long a due poll may wait for others to join its batch read: at most this much is
   * added to its detection latency. The default is 5 ms, small beside the latency targets of the
   * strategies that merge (5% of the job).
   */
  public Duration mergeWindow() {
    return DEFAULT_MERGE_WINDOW;
  }

  /** The default {@link #mergeWindow()}. */
  static final Duration DEFAULT_MERGE_WINDOW = Duration.ofMillis(5);

  /**
   * Subscribes {@code replan} to what this strategy learns: it runs whenever the polls already
   * scheduled should be planned again (a learning strategy's model changed). The default never
   * runs it. The callback may run on any thread, while the strategy holds locks, so it must only
   * hand the work elsewhere.
   *
   * @return what cancels the subscription
   */
  public Runnable onReplan(Runnable replan) {
    return () -> {};
  }

  /**
   * Writes what this instance learned to {@code file}, replacing it; the default, for strategies
   * that learn nothing, writes nothing.
   *
   * @throws java.io.UncheckedIOException when the file cannot be written
   */
  public void save(Path file) {}

  /**
   * Adds what {@code file} holds (written by {@link #save}) to what this instance learned; the
   * default, for strategies that learn nothing, reads nothing.
   *
   * @throws IllegalArgumentException naming the file when it holds something else
   */
  public void load(Path file) {}
}
