package dev.vtstatus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobBatch;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Learns the jobs a seed-protocol server will draw. A seed-protocol create carries no
 * {@code simulate} and its answers carry no {@code completed_at}, so the benchmark cannot tell when
 * a job ended from the seed routes. The server draws each job from its seed and the job's place in
 * the creation order, so a v1 server with the same seed, given the same number of creates in the
 * same order, draws the same jobs, and there they can be read: this class does that and returns
 * the drawn durations and outcomes. The run then checks every outcome against the seed-protocol
 * server's own, so a plan that does not match is caught, not trusted. Stateless.
 */
final class SeedProtocolPlan {

  private static final ObjectMapper JSON = Json.mapper();

  private SeedProtocolPlan() {}

  /**
   * Creates {@code config.jobs()} jobs with no body on a fresh embedded v1 server with the run's
   * seed, waits until they have all ended and returns each one's duration and outcome, in order.
   *
   * @throws IllegalStateException when the jobs do not all end within the longest delay plus 30 s
   */
  static JobMix read(BenchConfig config) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (EmbeddedBenchServer server = EmbeddedBenchServer.start(config, false)) {
      List<String> ids = new ArrayList<>(config.jobs());
      for (int i = 0; i < config.jobs(); i++) {
        HttpResponse<String> answer = http.send(
            HttpRequest.newBuilder(server.url().resolve("/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        ids.add(JSON.readValue(answer.body(), Job.class).jobId());
      }
      long deadline = System.nanoTime() + config.maxDelay().plusSeconds(30).toNanos();
      while (true) {
        Map<String, Job> jobs = readAll(http, server, ids);
        if (jobs.size() == ids.size() && jobs.values().stream().allMatch(Job::isTerminal)) {
          List<Simulation> plan = new ArrayList<>(ids.size());
          for (String id : ids) {
            Job job = jobs.get(id);
            plan.add(new Simulation(Duration.between(job.createdAt(), job.completedAt()), job.status()));
          }
          return new JobMix(plan);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the planned jobs did not all end in time");
        }
        // A pause between batch reads of a throwaway server; nothing here is being measured.
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the seed-protocol job plan", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the job plan", e);
    }
  }

  private static Map<String, Job> readAll(HttpClient http, BenchServer server, List<String> ids)
      throws IOException, InterruptedException {
    Map<String, Job> jobs = new HashMap<>();
    for (int from = 0; from < ids.size(); from += Protocol.MAX_BATCH) {
      String slice = String.join(",", ids.subList(from, Math.min(ids.size(), from + Protocol.MAX_BATCH)));
      HttpResponse<String> answer = http.send(
          HttpRequest.newBuilder(server.url().resolve(
                  "/v1/jobs?ids=" + URLEncoder.encode(slice, StandardCharsets.UTF_8)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      for (Job job : JSON.readValue(answer.body(), JobBatch.class).jobs()) {
        jobs.put(job.jobId(), job);
      }
    }
    return jobs;
  }
}
