package dev.vtstatus.client.internal.observe;

import dev.vtstatus.client.WaitListener;
import dev.vtstatus.client.WaitSummary;
import dev.vtstatus.protocol.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Duration;

/**
 * Records the client's work in a Micrometer registry, as a listener: {@code vtstatus.client.jobs}
 * (tag {@code outcome}), {@code vtstatus.client.requests} (tag {@code method}), {@code
 * vtstatus.client.observations} (tag {@code status}), {@code vtstatus.client.retries}, {@code
 * vtstatus.client.rate_limited}, and timers {@code vtstatus.client.wait} and {@code
 * vtstatus.client.detection_latency}. Thread-safe.
 */
public final class MicrometerRecorder implements WaitListener {
  private static final String PREFIX = "vtstatus.client.";
  private final MeterRegistry registry;
  private final Counter retries;
  private final Counter rateLimited;
  private final Timer detection;

  /** Creates the recorder. */
  public MicrometerRecorder(MeterRegistry registry) {
    this.registry = registry;
    this.retries = registry.counter(PREFIX + "retries");
    this.rateLimited = registry.counter(PREFIX + "rate_limited");
    this.detection = registry.timer(PREFIX + "detection_latency");
  }

  @Override
  public void requestSent(String jobId, String method, URI uri, int attempt) {
    registry.counter(PREFIX + "requests", "method", method).increment();
  }

  @Override
  public void statusPolled(String jobId, Job job, Duration elapsed) {
    registry.counter(PREFIX + "observations", "status", job.status().wireName()).increment();
  }

  @Override
  public void jobFinished(String jobId, Job job, WaitSummary summary) {
    registry.counter(PREFIX + "jobs", "outcome", job.status().wireName()).increment();
    registry.timer(PREFIX + "wait", "outcome", job.status().wireName()).record(summary.elapsed());
    if (summary.detectionLatency() != null) {
      detection.record(summary.detectionLatency());
    }
  }

  @Override
  public void jobTimedOut(String jobId, Job lastSeen, Duration timeout) {
    registry.counter(PREFIX + "jobs", "outcome", "timed_out").increment();
  }

  @Override
  public void requestRetried(String jobId, int attempt, Duration delay, Throwable cause) {
    retries.increment();
  }

  @Override
  public void rateLimited(String jobId, Duration delay) {
    rateLimited.increment();
  }
}
