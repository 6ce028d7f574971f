package dev.vtstatus.client.internal.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * The JDK {@link HttpClient} on a bounded executor that this transport owns (the JDK default is an
 * unbounded cached pool). Answers are handed to the client's executor, so no caller code runs on
 * the HTTP threads. Thread-safe.
 */
public final class JdkTransport implements Transport {
  private final HttpClient http;
  private final ExecutorService httpExecutor;
  private final Executor callbackExecutor;

  /**
   * Creates the transport.
   *
   * @param httpExecutor the bounded executor for the HTTP client; shut down by {@link #close()}
   * @param callbackExecutor where answers are delivered
   * @param connectTimeout the longest a connect may take
   */
  public JdkTransport(ExecutorService httpExecutor, Executor callbackExecutor, Duration connectTimeout) {
    this.httpExecutor = httpExecutor;
    this.callbackExecutor = callbackExecutor;
    this.http =
        HttpClient.newBuilder()
            .executor(httpExecutor)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Returns the underlying HTTP client, for the event stream. */
  public HttpClient httpClient() {
    return http;
  }

  @Override
  public CompletableFuture<HttpAnswer> send(HttpCall call) {
    HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(call.timeout());
    call.headers().forEach(request::header);
    request.method(
        call.method(),
        call.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(call.body()));
    CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
    CompletableFuture<HttpResponse<String>> sent;
    try {
      sent = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
      return answer;
    }
    sent.whenComplete(
        (response, error) -> {
          try {
            callbackExecutor.execute(
                () -> {
                  if (error != null) {
                    answer.completeExceptionally(unwrap(error));
                  } else {
                    answer.complete(
                        new HttpAnswer(response.statusCode(), response.headers().map(), response.body()));
                  }
                });
          } catch (RejectedExecutionException closed) {
            answer.completeExceptionally(closed);
          }
        });
    return answer;
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  @Override
  public void close() {
    httpExecutor.shutdownNow();
  }
}
