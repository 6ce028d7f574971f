package dev.vtstatus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * A server someone else runs ({@code --url}). Its status requests are read from its Prometheus
 * {@code /metrics}; every client of that server is counted, so the figure is only this run's when
 * nothing else talks to it. Never stopped by the benchmark.
 */
final class RemoteBenchServer implements BenchServer {

  private final URI url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  RemoteBenchServer(URI url) {
    this.url = url;
  }

  @Override
  public URI url() {
    return url;
  }

  @Override
  public String kind() {
    return "url";
  }

  @Override
  public OptionalLong statusRequests() {
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
