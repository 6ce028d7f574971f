package dev.vtstatus.client.it;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Creates jobs from several threads at once, as concurrent callers of one shared client would; a
 * create that meets an injected fault then delays only itself.
 */
final class ConcurrentCreates {
  private ConcurrentCreates() {}

  /** Creates one job per request and returns them in request order. */
  static List<Job> createAll(VideoTranslationClient client, List<JobRequest> requests)
      throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(requests.size());
    try {
      List<Future<Job>> created = new ArrayList<>();
      for (JobRequest request : requests) {
        created.add(callers.submit(() -> client.createJob(request)));
      }
      List<Job> jobs = new ArrayList<>();
      for (Future<Job> job : created) {
        try {
          jobs.add(job.get(WaitMode.TEST_BOUND.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
      }
      return jobs;
    } finally {
      callers.shutdownNow();
    }
  }
}
