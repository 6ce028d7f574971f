package dev.vtstatus.server;

/**
 * A snapshot of a {@link JobServer}'s counters, taken by {@link JobServer#stats()}. Immutable and
 * thread-safe; counters are totals since start.
 *
 * @param totalRequests every HTTP request the server received
 * @param createRequests {@code POST /job}, {@code POST /jobs} and {@code POST /v1/jobs} requests
 * @param statusRequests every request that is not a create, {@code /healthz}, {@code /metrics},
 *     {@code /v1/capabilities} or a control route ({@code /admin/*}, {@code /openapi.yaml}, the
 *     dashboard): status reads (a long poll counts once), batch reads (once per
 *     request), event-stream connections (once per connect) and cancels
 * @param jobsCreated jobs created by clients (the server's default job is not counted)
 * @param jobsEvicted terminal jobs dropped to keep at most {@code maxJobs}
 * @param retainedJobs jobs held right now, the default job included
 * @param parkedLongPolls long polls waiting right now
 * @param openEventStreams event streams open right now
 * @param openConnections client connections open right now
 */
public record ServerStats(
    long totalRequests,
    long createRequests,
    long statusRequests,
    long jobsCreated,
    long jobsEvicted,
    int retainedJobs,
    int parkedLongPolls,
    int openEventStreams,
    int openConnections) {}
