package dev.vtstatus.protocol;

/**
 * What a server replica has done since it started or was last reset ({@code GET /admin/stats}).
 * Counters count from the last reset; the last three fields are the state right now. Immutable.
 *
 * @param jobsCreated jobs created by clients (the server's default job is not counted)
 * @param jobsCompleted jobs that ended {@code completed}
 * @param jobsError jobs that ended {@code error}
 * @param jobsCanceled jobs that were canceled
 * @param jobsRetained jobs held right now, the default job included
 * @param requestsServed requests received, except those to {@code /admin/*}, {@code /healthz},
 *     {@code /metrics} and the dashboard
 * @param longPollsParked long polls waiting right now
 * @param eventStreamsOpen event streams open right now
 */
public record AdminStats(
    long jobsCreated,
    long jobsCompleted,
    long jobsError,
    long jobsCanceled,
    long jobsRetained,
    long requestsServed,
    long longPollsParked,
    long eventStreamsOpen) {}
