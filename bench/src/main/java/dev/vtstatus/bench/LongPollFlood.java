package dev.vtstatus.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds many long polls on one pending job at once and counts how they ended: used by the
 * server throughput script to check that 10,000 parked long polls all succeed. Bounded: every
 * request has a deadline, and the whole flood gives up after the wait plus a minute.
 *
 * <p>A poll is "held" when the server answered 200 no sooner than the wait minus half a second
 * (it was parked, not answered at once); any other status, an early answer or an I/O error is a
 * failure. Thread-safe; one flood per instance.
 */
public final class LongPollFlood {

  private final URI jobUrl;
  private final int polls;
  private final Duration wait;

  /**
   * Creates a flood of {@code polls} long polls of {@code wait} each on {@code jobUrl} (the URL of
   * a job that stays pending longer than the wait).
   */
  public LongPollFlood(URI jobUrl, int polls, Duration wait) {
    if (polls < 1) {
      throw new IllegalArgumentException("polls must be at least 1, was " + polls);
    }
    this.jobUrl = jobUrl;
    this.polls = polls;
    this.wait = wait;
  }

  /** Sends every poll at once, waits for them all and returns how they ended. */
  public Outcome run() throws InterruptedException {
    // HTTP/1.1: one parked request per connection, as a browser or a plain client holds them (an h2c
    // upgrade would multiplex them onto a few connections, capped by the server's stream limit).
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    AtomicInteger held = new AtomicInteger();
    AtomicInteger early = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Map<String, Integer> causes = new ConcurrentHashMap<>();
    String seconds = String.format(java.util.Locale.ROOT, "%.3f", wait.toMillis() / 1000.0);
    URI uri = URI.create(jobUrl + "?wait=" + seconds);
    long minimumNanos = wait.minusMillis(500).toNanos();
    List<CompletableFuture<?>> all = new ArrayList<>(polls);
    long start = System.nanoTime();
    for (int i = 0; i < polls; i++) {
      long sent = System.nanoTime();
      HttpRequest request =
          HttpRequest.newBuilder(uri).timeout(wait.plusSeconds(30)).GET().build();
      all.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (answer, error) -> {
                    if (error != null || answer.statusCode() != 200) {
                      failed.incrementAndGet();
                      causes.merge(
                          error != null ? rootCause(error) : "HTTP " + answer.statusCode(), 1,
                          Integer::sum);
                    } else if (System.nanoTime() - sent < minimumNanos) {
                      early.incrementAndGet();
                    } else {
                      held.incrementAndGet();
                    }
                  }));
    }
    try {
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .get(wait.plusSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Counted per poll below: whatever did not end in time is a failure.
    }
    int unfinished = polls - held.get() - early.get() - failed.get();
    if (unfinished > 0) {
      causes.merge("no answer in time", unfinished, Integer::sum);
    }
    return new Outcome(
        polls, held.get(), early.get(), failed.get() + unfinished,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), new TreeMap<>(causes));
  }

  /**
   * Runs a flood from the command line: {@code JOB_URL POLLS WAIT_SECONDS}. Prints {@code
   * long_polls=N held=N early=N failed=N elapsed_ms=N}, then one line per failure cause, and exits
   * 1 when any poll failed or came back early.
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: LongPollFlood JOB_URL POLLS WAIT_SECONDS");
      System.exit(2);
    }
    Outcome outcome =
        new LongPollFlood(
                URI.create(args[0]),
                Integer.parseInt(args[1]),
                Duration.ofMillis(Math.round(Double.parseDouble(args[2]) * 1000)))
            .run();
    System.out.printf(
        "long_polls=%d held=%d early=%d failed=%d elapsed_ms=%d%n",
        outcome.polls(), outcome.held(), outcome.early(), outcome.failed(), outcome.elapsedMs());
    outcome.failureCauses().forEach((cause, n) -> System.out.printf("  failed: %d x %s%n", n, cause));
    System.exit(outcome.failed() == 0 && outcome.early() == 0 ? 0 : 1);
  }

  /**
   * How a flood ended.
   *
   * @param polls how many were sent
   * @param held answered 200 after being parked for the wait
   * @param early answered 200 well before the wait was over
   * @param failed any other end: an error status, an I/O error or no answer in time
   * @param elapsedMs how long the flood took, ms
   * @param failureCauses how many failures each cause had (exception class and message, or status)
   */
  public record Outcome(
      int polls, int held, int early, int failed, long elapsedMs, Map<String, Integer> failureCauses) {

    /** Copies the map. */
    public Outcome {
      failureCauses = Map.copyOf(failureCauses);
    }
  }

  private static String rootCause(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
