package dev.vtstatus.client.internal.wait;

import dev.vtstatus.client.InvalidResponseException;
import dev.vtstatus.client.internal.http.HttpAnswer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The seed protocol as this server spells it. Servers of the seed protocol differ: some create with
 * {@code POST /job}, some with {@code POST /jobs}; some read a status at {@code GET /status/{id}},
 * some only at {@code GET /status?job_id=}. Each operation tries the form that worked last (the
 * first listed at the start) and, when the server says that route does not exist, the next one;
 * the form that answers is remembered for the client's later calls.
 *
 * <p>"No such route" is a {@code 405}, or a {@code 404} whose body is not a JSON object (another
 * web server's empty or HTML page). A {@code 404} with a JSON body (a vtstatus problem) is "no such
 * job" and is returned as it is. On a create every {@code 404} means no such route, since there is
 * no job yet to be missing. When no form exists, the server is not a seed-protocol server and the
 * call fails with {@link InvalidResponseException}. Thread-safe.
 */
public final class SeedDialect {
  private final List<URI> creates;
  private final Routes routes;
  private final AtomicInteger create = new AtomicInteger();
  private final AtomicInteger status = new AtomicInteger();

  /** Starts with {@code POST /job} and {@code GET /status/{id}}, the original server's forms. */
  public SeedDialect(Routes routes) {
    this.routes = routes;
    this.creates = List.of(routes.seedCreate(), routes.seedCreateJobs());
  }

  /**
   * Sends a create on the first create route that exists.
   *
   * @param send sends one logical request (with its retries) to the given URI
   */
  public CompletableFuture<HttpAnswer> create(Function<URI, CompletableFuture<HttpAnswer>> send) {
    return first(creates, create, a -> a.status() == 404 || a.status() == 405, send, "POST");
  }

  /**
   * Sends a status read of {@code jobId} on the first status route that exists; the default job
   * (an empty id) has the one route {@code GET /status}.
   */
  public CompletableFuture<HttpAnswer> status(
      String jobId, Function<URI, CompletableFuture<HttpAnswer>> send) {
    if (jobId.isEmpty()) {
      return send.apply(routes.seedStatus(jobId));
    }
    List<URI> forms = List.of(routes.seedStatus(jobId), routes.seedStatusByQuery(jobId));
    return first(forms, status, SeedDialect::noSuchRoute, send, "GET");
  }

  /** Returns whether an answer says the route does not exist (as opposed to the job). */
  public static boolean noSuchRoute(HttpAnswer answer) {
    return answer.status() == 405 || (answer.status() == 404 && !AnswerReader.hasJsonObject(answer));
  }

  private static CompletableFuture<HttpAnswer> first(
      List<URI> forms,
      AtomicInteger remembered,
      Predicate<HttpAnswer> missing,
      Function<URI, CompletableFuture<HttpAnswer>> send,
      String method) {
    CompletableFuture<HttpAnswer> out = new CompletableFuture<>();
    int start = remembered.get();
    tryForm(forms, start, 0, remembered, missing, send, method, out);
    return out;
  }

  private static void tryForm(
      List<URI> forms,
      int start,
      int tried,
      AtomicInteger remembered,
      Predicate<HttpAnswer> missing,
      Function<URI, CompletableFuture<HttpAnswer>> send,
      String method,
      CompletableFuture<HttpAnswer> out) {
    int index = (start + tried) % forms.size();
    CompletableFuture<HttpAnswer> sent = send.apply(forms.get(index));
    // A cancelled call (a wait that ended) cancels the request on the wire.
    out.whenComplete((a, e) -> {
      if (out.isCancelled()) {
        sent.cancel(true);
      }
    });
    sent.whenComplete((answer, error) -> {
      if (error != null) {
        out.completeExceptionally(error);
      } else if (!missing.test(answer)) {
        remembered.set(index);
        out.complete(answer);
      } else if (tried + 1 < forms.size()) {
        tryForm(forms, start, tried + 1, remembered, missing, send, method, out);
      } else {
        out.completeExceptionally(new InvalidResponseException(
            "this is not a vtstatus server: it has no " + String.join(" or ", forms.stream()
                .map(u -> method + " " + u.getRawPath()
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery().replaceAll("=.*", "=")))
                .toList())
                + " (HTTP " + answer.status() + ")"));
      }
    });
  }
}
