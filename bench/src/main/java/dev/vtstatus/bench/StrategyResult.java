package dev.vtstatus.bench;

/**
 * What one strategy did with one job mix. Immutable and thread-safe.
 *
 * @param name the strategy as reported, e.g. {@code adaptive} or {@code seed@seed-protocol}
 * @param jobs the jobs waited for
 * @param requestsPerJob status requests per job, create excluded (see {@code requestsSource})
 * @param requestsSource where the request count came from: {@code server} (the server's own
 *     counter), {@code server-metrics} (its Prometheus endpoint) or {@code client} (the client's
 *     count, when the server could not be asked)
 * @param detectionLatency when the client saw each job's end, minus when the server ended it
 * @param timeouts waits that gave up before the job ended
 * @param failures waits that ended with an error other than a timeout
 * @param wrongOutcomes terminal statuses that differ from the server's record of the job
 * @param clientCpuMs CPU time of the client's threads and of the thread that created the jobs
 * @param processCpuMs CPU time of the whole process (includes an embedded server and the JVM)
 * @param peakThreads the most live threads the client had at once (threads started during the
 *     run, without the server's)
 * @param peakJvmThreads the most live threads in the whole JVM at once
 * @param peakHeapMb the most heap in use at once, MiB (includes an embedded server's heap and
 *     garbage not yet collected)
 * @param peakHeapAfterGcMb the most heap still in use right after a garbage collection, MiB: the
 *     live data (NaN when no collection ran during the strategy)
 * @param openConnections the most sockets the client process held open at once; -1 if not measured
 * @param peakPending the most jobs being waited for at once
 * @param meanJobMs the mean simulated duration of the jobs, ms
 * @param wallMs how long the whole strategy took, from the first create to the last answer, ms
 * @param channel the client's own name of how it waited (for {@code auto}: the channel it chose)
 * @param error why the strategy could not run at all; null when it ran
 */
public record StrategyResult(
    String name,
    int jobs,
    double requestsPerJob,
    String requestsSource,
    LatencySummary detectionLatency,
    int timeouts,
    int failures,
    int wrongOutcomes,
    long clientCpuMs,
    long processCpuMs,
    int peakThreads,
    int peakJvmThreads,
    double peakHeapMb,
    double peakHeapAfterGcMb,
    int openConnections,
    int peakPending,
    double meanJobMs,
    long wallMs,
    String channel,
    String error) {

  /** Returns the result of a strategy that could not run, with {@code error} saying why. */
  public static StrategyResult failed(String name, int jobs, String error) {
    return new StrategyResult(
        name, jobs, Double.NaN, "none", LatencySummary.EMPTY, 0, jobs, 0, 0, 0, 0, 0, Double.NaN,
        Double.NaN, -1, 0, Double.NaN, 0, "", error);
  }

  /** Returns true when every job ended, with the server's own outcome, in time. */
  public boolean noneLost() {
    return error == null && timeouts == 0 && failures == 0 && wrongOutcomes == 0;
  }
}
