package dev.vtstatus.client.it;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Creates one job per simulation, each told its duration and outcome, and returns the outcome the
   * server was told to give each job, by job id in simulation order.
   */
  static Map<String, JobStatus> createForcing(
      VideoTranslationClient client, List<Simulation> simulations) throws Exception {
    List<JobRequest> requests =
        simulations.stream().map(s -> JobRequest.builder().simulate(s).build()).toList();
    List<Job> created = createAll(client, requests);
    Map<String, JobStatus> truth = new LinkedHashMap<>();
    for (int i = 0; i < simulations.size(); i++) {
      truth.put(created.get(i).jobId(), simulations.get(i).outcome());
    }
    return truth;
  }
}
