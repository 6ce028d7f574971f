package dev.vtstatus.bench;

import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The jobs of one run, drawn once from the run's seed: each job's simulated duration (uniform
 * between the delays) and outcome ({@code error} with the configured probability). Every strategy
 * gets the same list, sent as {@code simulate} in the create request, so the mix does not depend on
 * the order in which a server happens to see requests. Immutable and thread-safe.
 *
 * @param jobs the jobs, in creation order
 */
public record JobMix(List<Simulation> jobs) {

  /** Copies the list. */
  public JobMix {
    jobs = List.copyOf(jobs);
  }

  /** Draws {@code config.jobs()} jobs from {@code config.seed()}. */
  public static JobMix draw(BenchConfig config) {
    SplittableRandom random = new SplittableRandom(config.seed());
    long min = config.minDelay().toMillis();
    long max = config.maxDelay().toMillis();
    List<Simulation> jobs = new ArrayList<>(config.jobs());
    for (int i = 0; i < config.jobs(); i++) {
      Duration duration = Duration.ofMillis(min + (max > min ? random.nextLong(max - min + 1) : 0));
      JobStatus outcome =
          random.nextDouble() < config.errorProbability() ? JobStatus.ERROR : JobStatus.COMPLETED;
      jobs.add(new Simulation(duration, outcome));
    }
    return new JobMix(jobs);
  }

  /** Returns the create request of job {@code index}. */
  public JobRequest request(int index) {
    return JobRequest.builder()
        .sourceLanguage("en")
        .targetLanguage("es")
        .videoUrl("https://example.com/bench/" + index + ".mp4")
        .simulate(jobs.get(index))
        .build();
  }

  /** Returns the mean simulated duration, in ms. */
  public double meanMillis() {
    return jobs.stream().mapToLong(j -> j.duration().toMillis()).average().orElse(Double.NaN);
  }

  /** Returns how many jobs there are. */
  public int size() {
    return jobs.size();
  }
}
