package dev.vtstatus.client.internal.strategy;

import java.time.Duration;

/**
 * The channels a strategy's waits use, in the order they are tried: the event stream, long polls,
 * then polls on a schedule, the last of which is always there (on its own, or as the fallback of
 * the others). A channel the server does not offer, or that failed on the client, is skipped.
 * Immutable; the polling schedule it holds may learn.
 *
 * @param events whether waits listen on the client's event stream when the server offers one
 * @param longPoll whether waits long poll when the server offers it
 * @param longPollWait the longest wait asked of one long poll, or null for the server's maximum
 * @param polling the schedule of polls, one client's own instance
 */
public record ChannelPlan(boolean events, boolean longPoll, Duration longPollWait, ScheduleStrategy polling) {

  /** Returns the plan that only polls, on {@code schedule}. */
  public static ChannelPlan pollingOnly(ScheduleStrategy schedule) {
    return new ChannelPlan(false, false, null, schedule);
  }

  /** Returns whether every wait polls, with no other channel to try first. */
  public boolean pollsOnly() {
    return !events && !longPoll;
  }
}
