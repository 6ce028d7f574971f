package dev.vtstatus.bench;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.client.WaitTimeoutException;
import dev.vtstatus.protocol.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs one strategy against one server: creates the job mix (up to 32 creates in flight), starts
 * waiting for each job as soon as it exists (so all are waited for at once), then checks every
 * answer against the server's own record. Against replicas, job i goes through the client of
 * replica i modulo their number. Not thread-safe; one run at a time.
 */
final class StrategyRunner {

  private static final Duration SAMPLE_EVERY = Duration.ofMillis(20);
  private static final int CREATE_WINDOW = 32;

  private final BenchConfig config;

  StrategyRunner(BenchConfig config) {
    this.config = config;
  }

  /**
   * Runs {@code strategy} against {@code server} and reports it as {@code reportedName}.
   *
   * @param mix the jobs: created with {@code simulate} on v1; on the seed protocol, which creates
   *     jobs without a body, the jobs the server will draw (see {@link SeedProtocolPlan})
   * @param seedProtocol whether the server speaks only the seed protocol (no completed_at:
   *     detection is then measured from each job's planned end)
   * @throws IllegalStateException when a seed-protocol job's outcome differs from its plan
   */
  StrategyResult run(
      String reportedName, String strategy, BenchServer server, JobMix mix, boolean seedProtocol) {
    System.gc();
    Recorder recorder = new Recorder();
    AtomicInteger pending = new AtomicInteger();
    AtomicInteger peakPending = new AtomicInteger();
    List<CompletableFuture<Job>> waits = new ArrayList<>(mix.size());
    AtomicReferenceArray<String> ids = new AtomicReferenceArray<>(mix.size());
    Instant[] createdAt = new Instant[mix.size()];
    String channel;
    long requests;
    String source;
    ResourceSampler sampler =
        ResourceSampler.start(server.serverThread(), SAMPLE_EVERY, config.scale());
    long startNanos = System.nanoTime();
    try (Clients clients = new Clients(server.urls(), strategy, recorder)) {
      OptionalLong before = server.statusRequests();
      // A window of creates in flight makes the jobs overlap (all pending at once), which the mix
      // allows on v1, where each job carries its own simulate. The seed protocol draws each job by
      // its place in the creation order, so there it is one create at a time, in mix order.
      Semaphore window = new Semaphore(seedProtocol ? 1 : CREATE_WINDOW);
      for (int i = 0; i < mix.size(); i++) {
        int index = i;
        acquire(window);
        createdAt[i] = Instant.now();
        VideoTranslationClient client = clients.forJob(i);
        waits.add(
            client.createJobAsync(mix.request(i))
                .whenComplete((job, e) -> window.release())
                .thenCompose(
                    job -> {
                      ids.set(index, job.jobId());
                      peakPending.accumulateAndGet(pending.incrementAndGet(), Math::max);
                      return client.waitForResultAsync(job.jobId())
                          .whenComplete((j, e) -> pending.decrementAndGet());
                    }));
      }
      awaitAll(waits);
      OptionalLong after = server.statusRequests();
      channel = clients.forJob(0).strategyName();
      if (before.isPresent() && after.isPresent()) {
        requests = after.getAsLong() - before.getAsLong();
        source = server.countSource();
      } else {
        requests = clients.statusRequests();
        source = "client";
      }
    }
    long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    ResourceSampler.ResourceUsage usage = sampler.stop();
    List<String> created = new ArrayList<>(mix.size());
    for (int i = 0; i < mix.size(); i++) {
      if (ids.get(i) != null) {
        created.add(ids.get(i));
      }
    }
    Map<String, ServerTruth.Truth> truth = new ServerTruth(server.url()).read(created, seedProtocol);

    int timeouts = 0;
    int failures = 0;
    int wrong = 0;
    List<Duration> latencies = new ArrayList<>(created.size());
    for (int i = 0; i < mix.size(); i++) {
      String id = ids.get(i);
      Job seen;
      try {
        seen = waits.get(i).join();
      } catch (CompletionException e) {
        if (id == null) {
          failures++;
        } else if (e.getCause() instanceof WaitTimeoutException) {
          timeouts++;
        } else {
          failures++;
        }
        continue;
      }
      ServerTruth.Truth real = truth.get(id);
      if (real == null || seen.status() != real.status() || !real.status().isTerminal()) {
        wrong++;
        continue;
      }
      if (seedProtocol && real.status() != mix.jobs().get(i).outcome()) {
        throw new IllegalStateException(
            "job " + i + " ended " + real.status().wireName() + " but was planned to end "
                + mix.jobs().get(i).outcome().wireName() + ": the seed-protocol plan does not match");
      }
      Duration latency = detectionLatency(recorder, id, real, createdAt[i].plus(mix.jobs().get(i).duration()));
      if (latency != null) {
        latencies.add(latency);
      }
    }
    return new StrategyResult(
        reportedName, mix.size(), requests / (double) mix.size(), source, LatencySummary.of(latencies),
        timeouts, failures, wrong, usage.clientCpuMs(), usage.processCpuMs(), usage.peakThreads(),
        usage.peakJvmThreads(), usage.peakHeapMb(), usage.peakHeapAfterGcMb(), usage.peakSockets(), peakPending.get(),
        mix.meanMillis(), wallMs, channel, null);
  }

  /**
   * Returns when the client saw job {@code id} end, minus when the server ended it: the client's
   * own figure when it has one, else the moment the client reported the end minus the server's
   * {@code completed_at}, else (seed protocol, which has no {@code completed_at}) minus {@code
   * plannedEnd}: the moment the create request was sent plus the job's planned duration, which can
   * only overstate the latency, by at most the create request's round trip.
   */
  private static Duration detectionLatency(
      Recorder recorder, String id, ServerTruth.Truth real, Instant plannedEnd) {
    Recorder.Seen seen = recorder.finished.get(id);
    if (seen == null) {
      return null;
    }
    if (seen.summary().detectionLatency() != null) {
      return seen.summary().detectionLatency();
    }
    if (real.completedAt() != null) {
      return Duration.between(real.completedAt(), seen.at());
    }
    return Duration.between(plannedEnd, seen.at());
  }

  private static void acquire(Semaphore window) {
    try {
      window.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating jobs", e);
    }
  }

  private void awaitAll(List<CompletableFuture<Job>> waits) {
    Duration bound = config.waitTimeout().plus(config.waitTimeout());
    try {
      CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
          .get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // Each wait's own outcome is read one by one afterwards.
    } catch (TimeoutException e) {
      waits.forEach(w -> w.completeExceptionally(new WaitTimeoutException(null, bound, null)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the jobs", e);
    }
  }

  /**
   * One client per replica, each given every replica starting from its own one; each client spreads
   * its requests over them (and sets aside one that stops answering), so a job's requests reach
   * every replica.
   */
  private final class Clients implements AutoCloseable {
    private final List<VideoTranslationClient> clients = new ArrayList<>();

    Clients(List<java.net.URI> urls, String strategy, WaitListener recorder) {
      for (int i = 0; i < urls.size(); i++) {
        List<java.net.URI> rotated = new ArrayList<>(urls.subList(i, urls.size()));
        rotated.addAll(urls.subList(0, i));
        clients.add(VideoTranslationClient.builder()
            .baseUrls(rotated)
            .waitStrategy(StrategyCatalog.create(strategy, config))
            .timeout(config.waitTimeout())
            .addListener(recorder)
            .build());
      }
    }

    VideoTranslationClient forJob(int index) {
      return clients.get(index % clients.size());
    }

    long statusRequests() {
      return clients.stream().mapToLong(c -> c.metrics().statusRequests()).sum();
    }

    @Override
    public void close() {
      clients.forEach(VideoTranslationClient::close);
    }
  }

  /** Records when the client reported each job's end. Thread-safe. */
  private static final class Recorder implements WaitListener {
    final Map<String, Seen> finished = new ConcurrentHashMap<>();

    @Override
    public void jobFinished(String jobId, Job job, WaitSummary summary) {
      finished.putIfAbsent(jobId, new Seen(Instant.now(), summary));
    }

    record Seen(Instant at, WaitSummary summary) {}
  }
}
