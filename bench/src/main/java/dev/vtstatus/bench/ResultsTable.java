package dev.vtstatus.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Formats {@link BenchResults} as the plain-text table and target list {@code vtstatus bench}
 * prints (Markdown-compatible, so it can be pasted into docs). Stateless and thread-safe.
 */
public final class ResultsTable {

  private ResultsTable() {}

  /** Returns the table of strategies followed by the targets, met or not, with their figures. */
  public static String format(BenchResults results) {
    StringBuilder out = new StringBuilder();
    out.append(
        "| strategy | jobs | req/job | p50 ms | p95 ms | p99 ms | max ms | timeouts | wrong "
            + "| client CPU ms | peak threads | peak heap MiB | heap after GC MiB | conns | channel |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (StrategyResult s : results.strategies()) {
      if (s.error() != null) {
        out.append(String.format(Locale.ROOT, "| %s | %d | not run: %s |%n", s.name(), s.jobs(),
            s.error().replace('|', '/')));
        continue;
      }
      LatencySummary d = s.detectionLatency();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %s | %s | %s | %s | %d | %d | %d | %d | %s | %s | %s | %s |%n",
              s.name(), s.jobs(), fixed(s.requestsPerJob(), 3), fixed(d.p50(), 1),
              fixed(d.p95(), 1), fixed(d.p99(), 1), fixed(d.max(), 1), s.timeouts(),
              s.wrongOutcomes(), s.clientCpuMs(), s.peakThreads(), fixed(s.peakHeapMb(), 0),
              fixed(s.peakHeapAfterGcMb(), 0),
              s.openConnections() < 0 ? "-" : Integer.toString(s.openConnections()),
              s.channel()));
    }
    List<StrategyResult> baselines = ResultsJson.BASELINES.stream()
        .map(results::strategy).flatMap(Optional::stream).filter(b -> b.error() == null).toList();
    if (!baselines.isEmpty()) {
      out.append("\nRatio to the baselines (requests per job, p95 detection latency; below 1 is better):\n\n| strategy |");
      baselines.forEach(b -> out.append(" req/job vs ").append(b.name()).append(" | p95 vs ").append(b.name()).append(" |"));
      out.append("\n|---|").append("---:|---:|".repeat(baselines.size())).append('\n');
      for (StrategyResult s : results.strategies()) {
        if (s.error() != null) {
          continue;
        }
        out.append("| ").append(s.name()).append(" |");
        for (StrategyResult b : baselines) {
          out.append(' ').append(fixed(s.requestsPerJob() / b.requestsPerJob(), 3)).append(" |")
              .append(' ').append(fixed(s.detectionLatency().p95() / b.detectionLatency().p95(), 3))
              .append(" |");
        }
        out.append('\n');
      }
    }
    String source =
        results.strategies().stream()
            .map(StrategyResult::requestsSource)
            .filter(x -> !x.equals("none"))
            .distinct()
            .reduce((a, b) -> a + ", " + b)
            .orElse("none");
    out.append(String.format(
        "%nserver: %s; requests counted by: %s; mean job %s ms%n"
            + "req/job: status requests per job, create excluded. p50..max: detection latency, client"
            + " observation minus server completed_at.%nclient CPU, peak threads: threads started"
            + " during the run that are not the server's, plus the creating thread's CPU. peak heap:"
            + " whole JVM, garbage included%s; heap after GC: the most left after a collection."
            + " conns: sockets held by this process (--scale only).%n%nTargets:%n",
        results.server(), source,
        results.strategies().stream().mapToDouble(StrategyResult::meanJobMs)
            .filter(v -> !Double.isNaN(v)).average().stream()
            .mapToObj(v -> fixed(v, 0)).findFirst().orElse("-"),
        results.server().equals("embedded") ? " (and the embedded server's)" : ""));
    for (TargetResult t : results.targets()) {
      out.append(
          String.format(
              Locale.ROOT, "  [%s] %s: %s (limit %s)%n",
              t.met() ? "met" : "NOT MET", t.name(), fixed(t.value(), 3), fixed(t.limit(), 3)));
    }
    return out.toString();
  }

  private static String fixed(double value, int decimals) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
