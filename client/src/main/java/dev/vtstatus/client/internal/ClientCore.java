package dev.vtstatus.client.internal;

import dev.vtstatus.client.ClientMetrics;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The engine behind the public client. */
public final class ClientCore {
  private final ClientConfig config;

  public ClientCore(ClientConfig config) {
    this.config = config;
  }

  public ClientConfig config() {
    return config;
  }

  public CompletableFuture<Job> createJob(JobRequest request) {
    throw new UnsupportedOperationException();
  }

  public CompletableFuture<Job> getStatus(String jobId) {
    throw new UnsupportedOperationException();
  }

  public CompletableFuture<Job> waitFor(String jobId, Duration timeout) {
    throw new UnsupportedOperationException();
  }

  public CompletableFuture<Map<String, Job>> waitForAll(List<String> jobIds, Duration timeout) {
    throw new UnsupportedOperationException();
  }

  public CompletableFuture<Job> cancel(String jobId) {
    throw new UnsupportedOperationException();
  }

  public ClientMetrics metrics() {
    return ClientMetrics.empty();
  }

  public String strategyName() {
    return config.waitStrategy().name();
  }

  public void close() {}
}
