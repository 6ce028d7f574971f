package dev.vtstatus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * A server someone else runs ({@code --url}), or its replicas. Its status requests are read from
 * each replica's Prometheus {@code /metrics} and summed; every client of those servers is counted,
 * so the figure is only this run's when nothing else talks to them. Never stopped by the benchmark.
 */
final class RemoteBenchServer implements BenchServer {

  private final List<URI> urls;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RemoteBenchServer(List<URI> urls) {
    this.urls = List.copyOf(urls);
  }

  @Override
  public URI url() {
    return urls.get(0);
  }

  @Override
  public List<URI> urls() {
    return urls;
  }

  @Override
  public String kind() {
    return "url";
  }

  @Override
  public OptionalLong statusRequests() {
    long sum = 0;
    for (URI url : urls) {
      OptionalLong one = statusRequests(url);
      if (one.isEmpty()) {
        return one;
      }
      sum += one.getAsLong();
    }
    return OptionalLong.of(sum);
  }

  private OptionalLong statusRequests(URI url) {
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(url.resolve("/metrics")).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        return OptionalLong.empty();
      }
      return PrometheusText.statusRequests(answer.body());
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  @Override
  public String countSource() {
    return "server-metrics";
  }

  @Override
  public Predicate<String> serverThread() {
    return name -> false;
  }

  @Override
  public void close() {
    // The server belongs to whoever started it.
  }
}
