package dev.vtstatus.server.internal.store;

import dev.vtstatus.protocol.JobStatus;
import java.time.Instant;

/**
 * A proposed terminal transition of a job, decided once by the store (compare-and-set): the job's
 * planned end, or a decision taken now (a client's cancel, or a forced completion or failure).
 * Whichever the store accepts first is the job's end; every later proposal loses. Immutable.
 *
 * @param outcome the terminal state proposed; null for the planned end, which the job itself names
 * @param planned whether this is the job's planned end, which wins at or after the planned end
 */
public record Transition(Outcome outcome, boolean planned) {

  private static final Transition PLANNED_END = new Transition(null, true);

  /** Returns the planned end: the job's planned outcome at its planned end, read from the stored job. */
  public static Transition plannedEnd() {
    return PLANNED_END;
  }

  /** Returns a client's cancel at {@code now}. */
  public static Transition cancel(Instant now) {
    return new Transition(Outcome.of(JobStatus.CANCELED, now), false);
  }

  /**
   * Returns a forced end at {@code now} with {@code status} ({@code completed} or {@code error});
   * {@code errorCode} and {@code errorMessage} may be null for the defaults.
   */
  public static Transition forced(JobStatus status, Instant now, String errorCode, String errorMessage) {
    if (!status.isTerminal() || status == JobStatus.CANCELED) {
      throw new IllegalArgumentException("a forced end is completed or error, not " + status);
    }
    return new Transition(new Outcome(status, now, errorCode, errorMessage, 0), false);
  }

  /**
   * Returns whether the store accepts this transition for {@code job}: its end is not decided yet,
   * and this is the planned end or comes before it (at the planned end, the plan has won).
   */
  public boolean acceptableFor(JobRecord job) {
    return job.outcome() == null && (planned || outcome.at().isBefore(job.plannedEnd()));
  }

  /** Returns the terminal state this transition gives {@code job}. */
  public Outcome outcomeFor(JobRecord job) {
    return planned ? Outcome.of(job.plannedOutcome(), job.plannedEnd()) : outcome;
  }
}
