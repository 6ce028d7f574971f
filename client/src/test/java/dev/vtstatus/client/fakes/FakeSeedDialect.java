package dev.vtstatus.client.fakes;

import dev.vtstatus.client.internal.http.HttpAnswer;
import dev.vtstatus.client.internal.http.HttpCall;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seed-protocol server as another implementation of the exercise spells it, in front of a
 * {@link FakeJobServer} that holds the jobs: its create route and answer code, its status route,
 * how it answers an unknown job, and how it answers a route it does not have. Immutable.
 *
 * @param name how tests name it
 * @param createPath {@code /job} or {@code /jobs}
 * @param createStatus the create's answer code, 201 or 200
 * @param statusByQuery whether status is read at {@code /status?job_id=} (else {@code /status/{id}})
 * @param unknownJob the answer for a job it does not hold
 * @param noRoute the answer for a route it does not have
 */
public record FakeSeedDialect(
    String name, String createPath, int createStatus, boolean statusByQuery, HttpAnswer unknownJob,
    HttpAnswer noRoute) {
  private static final Pattern BY_PATH = Pattern.compile("/status/([^/?]+)");
  private static final Pattern BY_QUERY = Pattern.compile("job_id=([^&]+)");
  private static final HttpAnswer FLASK_404 = HttpAnswer.of(404, Map.of("Content-Type", "text/html"),
      "<!doctype html><title>404 Not Found</title><h1>Not Found</h1>");

  /**
   * The original Python server: {@code POST /job} (201), {@code GET /status/{id}}, an unknown job
   * {@code 200 {"result": "error", "message": "Job not found"}}, Flask's HTML 404 elsewhere.
   */
  public static FakeSeedDialect original() {
    return new FakeSeedDialect("original", "/job", 201, false,
        FakeJobServer.json(200, Map.of("result", "error", "message", "Job not found"), Map.of()), FLASK_404);
  }

  /**
   * A server that creates with {@code POST /jobs} (200), reads only {@code GET /status?job_id=},
   * answers an unknown job with a JSON 404 and an unknown route with an empty 404.
   */
  public static FakeSeedDialect jobsAndQuery() {
    return new FakeSeedDialect("jobs-and-query", "/jobs", 200, true,
        FakeJobServer.json(404, Map.of("error", "job not found"), Map.of("Content-Type", "application/json")),
        HttpAnswer.of(404, Map.of(), ""));
  }

  /** Returns a server that answers every request, whatever its route, with an empty or HTML 404. */
  public static Function<HttpCall, FakeTransport.Reply> notVtstatus() {
    return call -> FakeTransport.Reply.now(FLASK_404);
  }

  /** Returns the server: this dialect's routes over the jobs of {@code jobs}. */
  public Function<HttpCall, FakeTransport.Reply> over(FakeJobServer jobs) {
    return call -> answer(jobs, call);
  }

  private FakeTransport.Reply answer(FakeJobServer jobs, HttpCall call) {
    String path = call.uri().getRawPath();
    String query = call.uri().getRawQuery();
    if (call.method().equals("POST") && path.equals(createPath)) {
      FakeTransport.Reply created = jobs.apply(to(call, "POST", "/job"));
      return new FakeTransport.Reply(created.delay(), () -> {
        HttpAnswer a = created.answer().get();
        return new HttpAnswer(a.status() == 201 ? createStatus : a.status(), a.headers(), a.body());
      }, created.error());
    }
    if (call.method().equals("GET") && path.equals("/status") && query == null) {
      return jobs.apply(call);
    }
    String id = null;
    if (call.method().equals("GET") && statusByQuery && path.equals("/status") && query != null) {
      Matcher m = BY_QUERY.matcher(query);
      id = m.find() ? m.group(1) : null;
    } else if (call.method().equals("GET") && !statusByQuery) {
      Matcher m = BY_PATH.matcher(path);
      id = m.matches() ? m.group(1) : null;
    }
    if (id == null) {
      return FakeTransport.Reply.now(noRoute);
    }
    if (jobs.job(id) == null) {
      return FakeTransport.Reply.now(unknownJob);
    }
    return jobs.apply(to(call, "GET", "/status/" + id));
  }

  private static HttpCall to(HttpCall call, String method, String path) {
    URI uri = call.uri().resolve(path);
    return new HttpCall(method, uri, call.headers(), call.body(), call.timeout(), call.held());
  }

  @Override
  public String toString() {
    return name;
  }
}
