package dev.vtstatus.client.it;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.protocol.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two ways a caller waits: the blocking methods (called from several threads at once, as a
 * server's request threads would) and their asynchronous twins. PublicFailures come out as the client
 * threw them, unwrapped.
 */
enum WaitMode {
  SYNC {
    @Override
    Job waitFor(VideoTranslationClient client, String jobId, Duration timeout) {
      return client.waitForResult(jobId, timeout);
    }

    @Override
    Job read(VideoTranslationClient client, String jobId) {
      return client.getStatus(jobId);
    }

    @Override
    Map<String, Job> waitForEach(VideoTranslationClient client, List<String> jobIds)
        throws Exception {
      ExecutorService callers = Executors.newFixedThreadPool(jobIds.size());
      try {
        List<Future<Job>> results = new ArrayList<>();
        for (String id : jobIds) {
          results.add(callers.submit(() -> client.waitForResult(id)));
        }
        Map<String, Job> jobs = new LinkedHashMap<>();
        for (int i = 0; i < jobIds.size(); i++) {
          jobs.put(jobIds.get(i), get(results.get(i)));
        }
        return jobs;
      } finally {
        callers.shutdownNow();
      }
    }
  },

  ASYNC {
    @Override
    Job waitFor(VideoTranslationClient client, String jobId, Duration timeout) throws Exception {
      return get(client.waitForResultAsync(jobId, timeout));
    }

    @Override
    Job read(VideoTranslationClient client, String jobId) throws Exception {
      return get(client.getStatusAsync(jobId));
    }

    @Override
    Map<String, Job> waitForEach(VideoTranslationClient client, List<String> jobIds)
        throws Exception {
      List<CompletableFuture<Job>> results = new ArrayList<>();
      for (String id : jobIds) {
        results.add(client.waitForResultAsync(id));
      }
      Map<String, Job> jobs = new LinkedHashMap<>();
      for (int i = 0; i < jobIds.size(); i++) {
        jobs.put(jobIds.get(i), get(results.get(i)));
      }
      return jobs;
    }
  };

  /** The longest any test waits for a result before failing instead of hanging. */
  static final Duration TEST_BOUND = Duration.ofSeconds(30);

  /** Waits for one job with a timeout. */
  abstract Job waitFor(VideoTranslationClient client, String jobId, Duration timeout)
      throws Exception;

  /** Reads one job once. */
  abstract Job read(VideoTranslationClient client, String jobId) throws Exception;

  /** Waits for every job at once, each with the client's timeout; returns them in input order. */
  abstract Map<String, Job> waitForEach(VideoTranslationClient client, List<String> jobIds)
      throws Exception;

  /**
   * Waits for every job at once, each the way {@code modes} says: the blocking waits on threads of
   * their own, alongside the asynchronous ones, all on the same client. Returns the jobs in the
   * order of {@code modes}.
   */
  static Map<String, Job> waitForEach(VideoTranslationClient client, Map<String, WaitMode> modes)
      throws Exception {
    ExecutorService callers = Executors.newCachedThreadPool();
    try {
      Map<String, Future<Job>> waits = new LinkedHashMap<>();
      modes.forEach(
          (id, mode) ->
              waits.put(
                  id,
                  mode == ASYNC
                      ? client.waitForResultAsync(id)
                      : callers.submit(() -> client.waitForResult(id))));
      Map<String, Job> jobs = new LinkedHashMap<>();
      for (Map.Entry<String, Future<Job>> wait : waits.entrySet()) {
        jobs.put(wait.getKey(), get(wait.getValue()));
      }
      return jobs;
    } finally {
      callers.shutdownNow();
    }
  }

  /**
   * Returns {@code jobIds} in order, the first and every other one waited for {@link #SYNC}, the
   * rest {@link #ASYNC}, for {@link #waitForEach(VideoTranslationClient, Map)}.
   */
  static Map<String, WaitMode> alternating(Collection<String> jobIds) {
    Map<String, WaitMode> modes = new LinkedHashMap<>();
    for (String id : jobIds) {
      modes.put(id, modes.size() % 2 == 0 ? SYNC : ASYNC);
    }
    return modes;
  }

  private static <T> T get(Future<T> future) throws Exception {
    try {
      return future.get(TEST_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception) {
        throw (Exception) cause;
      }
      throw e;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError("no answer within " + TEST_BOUND, e);
    }
  }
}
