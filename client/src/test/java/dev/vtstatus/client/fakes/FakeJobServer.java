package dev.vtstatus.client.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vtstatus.client.internal.http.HttpAnswer;
import dev.vtstatus.client.internal.http.HttpCall;
import dev.vtstatus.protocol.Capabilities;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobBatch;
import dev.vtstatus.protocol.JobError;
import dev.vtstatus.protocol.JobRequest;
import dev.vtstatus.protocol.JobResult;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.Problem;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.SeedJob;
import dev.vtstatus.protocol.SeedStatus;
import dev.vtstatus.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory job server on the fake clock for {@link FakeTransport}: both protocols, long polls
 * (held until the job ends or the wait passes), batch reads, capabilities, idempotent creates, and
 * exact estimates unless told otherwise. Scripted replies jump the queue for matching requests.
 * Thread-safe (synchronized).
 */
public final class FakeJobServer implements Function<HttpCall, FakeTransport.Reply> {
  private static final Pattern JOB = Pattern.compile("/v1/jobs/([^/?]+)");
  private static final Pattern SEED_STATUS = Pattern.compile("/status/([^/?]+)");

  private final FakeClock clock;
  private final Map<String, FakeJob> jobs = new LinkedHashMap<>();
  private final Map<String, String> idempotency = new LinkedHashMap<>();
  private final Deque<Scripted> scripted = new ArrayDeque<>();
  private int next;
  private boolean seedOnly;
  private List<String> features = Protocol.FEATURES;
  private Duration maxWait = Duration.ofSeconds(60);
  private java.util.function.Supplier<Duration> durations = () -> Duration.ofSeconds(10);
  private Function<Duration, Duration> estimate = remaining -> remaining;
  private Duration latency = Duration.ZERO;
  private boolean ignoreWait;
  private final List<java.util.function.Consumer<FakeJob>> onCreate = new ArrayList<>();

  /** A simulated job. */
  public record FakeJob(String id, Instant createdAt, Duration duration, JobStatus outcome, String source, String target) {
    Instant endsAt() {
      return createdAt.plus(duration);
    }
  }

  private record Scripted(Predicate<HttpCall> matches, FakeTransport.Reply reply) {}

  public FakeJobServer(FakeClock clock) {
    this.clock = clock;
  }

  public synchronized FakeJobServer seedOnly() {
    this.seedOnly = true;
    return this;
  }

  public synchronized FakeJobServer features(String... names) {
    this.features = List.of(names);
    return this;
  }

  /** Lists every feature but batch long polls, as a server from before them would. */
  public synchronized FakeJobServer withoutBatchLongPoll() {
    this.features = Protocol.FEATURES.stream().filter(f -> !f.equals(Protocol.FEATURE_BATCH_LONG_POLL)).toList();
    return this;
  }

  public synchronized FakeJobServer maxWait(Duration d) {
    this.maxWait = d;
    return this;
  }

  public synchronized FakeJobServer defaultDuration(Duration d) {
    return durations(() -> d);
  }

  /** Draws the duration of each job created without {@code simulate.duration_ms} from {@code source}. */
  public synchronized FakeJobServer durations(java.util.function.Supplier<Duration> source) {
    this.durations = source;
    return this;
  }

  /** Sets how the true remaining time becomes the estimated one. */
  public synchronized FakeJobServer estimate(Function<Duration, Duration> f) {
    this.estimate = f;
    return this;
  }

  /** Sets the time every answer takes. */
  public synchronized FakeJobServer latency(Duration d) {
    this.latency = d;
    return this;
  }

  /** Makes long polls answer at once, as a server that ignores {@code wait} would. */
  public synchronized FakeJobServer ignoreWait() {
    this.ignoreWait = true;
    return this;
  }

  /** Calls {@code hook} for every job created from now on. */
  public synchronized void onCreate(java.util.function.Consumer<FakeJob> hook) {
    onCreate.add(hook);
  }

  /** Adds a job directly, created now. */
  public FakeJob addJob(String id, Duration duration, JobStatus outcome) {
    FakeJob job = new FakeJob(id, clock.instant(), duration, outcome, null, null);
    List<java.util.function.Consumer<FakeJob>> hooks;
    synchronized (this) {
      jobs.put(id, job);
      hooks = List.copyOf(onCreate);
    }
    hooks.forEach(h -> h.accept(job));
    return job;
  }

  /** Makes the next request that matches get this reply instead (once). */
  public synchronized FakeJobServer script(Predicate<HttpCall> matches, FakeTransport.Reply reply) {
    scripted.add(new Scripted(matches, reply));
    return this;
  }

  /** Makes the next {@code n} requests get this reply. */
  public synchronized FakeJobServer scriptNext(int n, FakeTransport.Reply reply) {
    for (int i = 0; i < n; i++) {
      script(c -> true, reply);
    }
    return this;
  }

  public synchronized FakeJob job(String id) {
    return jobs.get(id);
  }

  public synchronized int jobCount() {
    return jobs.size();
  }

  public static HttpAnswer json(int status, Object body, Map<String, String> headers) {
    try {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.putIfAbsent("Content-Type", status >= 400 ? Problem.MEDIA_TYPE : "application/json");
      return HttpAnswer.of(status, h, Json.mapper().writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static HttpAnswer problem(int status, String detail, Map<String, String> headers) {
    return json(status, new Problem("about:blank", "status " + status, status, detail), headers);
  }

  @Override
  public synchronized FakeTransport.Reply apply(HttpCall call) {
    for (Scripted s : scripted) {
      if (s.matches().test(call)) {
        scripted.remove(s);
        return s.reply();
      }
    }
    String path = call.uri().getRawPath();
    String query = call.uri().getRawQuery();
    if (seedOnly && path.startsWith("/v1/")) {
      return reply(problem(404, "no route " + path, Map.of()));
    }
    if (call.method().equals("GET") && path.equals("/v1/capabilities")) {
      return reply(json(200, new Capabilities(features, maxWait, Protocol.MAX_BATCH), Map.of()));
    }
    if (call.method().equals("POST") && (path.equals("/v1/jobs") || path.equals("/job"))) {
      return reply(create(call, path.equals("/job")));
    }
    if (call.method().equals("GET") && path.equals("/v1/jobs") && query != null && query.startsWith("ids=")) {
      int waitAt = query.indexOf("&wait=");
      List<String> ids = List.of(query.substring(4, waitAt < 0 ? query.length() : waitAt).split(","));
      if (waitAt < 0 || ignoreWait) {
        return reply(batch(ids));
      }
      Duration held = held(ids, query.substring(waitAt + 6));
      if (held.isZero()) {
        return reply(batch(ids));
      }
      // held, it answers with the listed jobs that have ended, as the real server does
      return FakeTransport.Reply.later(held.plus(latency), () -> batch(ids.stream()
          .filter(id -> view(jobs.get(id)).isTerminal()).toList()));
    }
    if (call.method().equals("GET") && path.equals("/status")) {
      FakeJob job = jobs.get("default");
      return reply(job == null ? problem(404, "no default job", Map.of()) : json(200, seedStatus(job), Map.of()));
    }
    Matcher seed = SEED_STATUS.matcher(path);
    if (call.method().equals("GET") && seed.matches()) {
      FakeJob job = jobs.get(seed.group(1));
      return reply(job == null ? problem(404, "unknown job", Map.of()) : json(200, seedStatus(job), Map.of()));
    }
    Matcher m = JOB.matcher(path);
    if (m.matches()) {
      String id = m.group(1);
      FakeJob job = jobs.get(id);
      if (job == null) {
        return reply(problem(404, "unknown job " + id, Map.of()));
      }
      if (call.method().equals("DELETE")) {
        return reply(cancel(job));
      }
      if (query != null && query.startsWith("wait=") && !ignoreWait) {
        Duration asked = Duration.ofMillis(Math.round(Double.parseDouble(query.substring(5)) * 1000));
        Duration hold = asked.compareTo(maxWait) < 0 ? asked : maxWait;
        Duration remaining = Duration.between(clock.instant(), job.endsAt());
        Duration delay = remaining.isNegative() ? Duration.ZERO : (remaining.compareTo(hold) < 0 ? remaining : hold);
        return FakeTransport.Reply.later(delay.plus(latency), () -> render(jobs.get(id)));
      }
      return reply(render(job));
    }
    return reply(problem(404, "no route " + path, Map.of()));
  }

  /**
   * How long a batch long poll is held: until the first listed job ends or the wait passes, capped
   * at the longest wait; at once when a listed job is unknown or has ended.
   */
  private Duration held(List<String> ids, String waitSeconds) {
    Duration asked = Duration.ofMillis(Math.round(Double.parseDouble(waitSeconds) * 1000));
    Duration hold = asked.compareTo(maxWait) < 0 ? asked : maxWait;
    for (String id : ids) {
      FakeJob job = jobs.get(id);
      if (job == null) {
        return Duration.ZERO;
      }
      Duration remaining = Duration.between(clock.instant(), job.endsAt());
      if (remaining.compareTo(hold) < 0) {
        hold = remaining.isNegative() ? Duration.ZERO : remaining;
      }
    }
    return hold;
  }

  private FakeTransport.Reply reply(HttpAnswer answer) {
    return FakeTransport.Reply.later(latency, () -> answer);
  }

  private HttpAnswer create(HttpCall call, boolean seed) {
    String key = call.headers().get(Protocol.IDEMPOTENCY_KEY_HEADER);
    if (key != null && idempotency.containsKey(key)) {
      return json(200, view(jobs.get(idempotency.get(key))), Map.of());
    }
    JobRequest request;
    try {
      request = call.body() == null ? JobRequest.EMPTY : Json.mapper().readValue(call.body(), JobRequest.class);
    } catch (JsonProcessingException e) {
      return problem(400, "malformed JSON", Map.of());
    }
    Duration duration = durations.get();
    JobStatus outcome = JobStatus.COMPLETED;
    if (request.simulate() != null) {
      duration = request.simulate().duration() != null ? request.simulate().duration() : duration;
      outcome = request.simulate().outcome() != null ? request.simulate().outcome() : outcome;
    }
    String id = "job-" + (++next);
    FakeJob job = new FakeJob(id, clock.instant(), duration, outcome, request.sourceLanguage(), request.targetLanguage());
    jobs.put(id, job);
    if (key != null) {
      idempotency.put(key, id);
    }
    onCreate.forEach(h -> h.accept(job));
    if (seed) {
      return json(201, new SeedJob(id, "pending"), Map.of());
    }
    return json(201, view(job), Map.of("Location", "/v1/jobs/" + id));
  }

  private HttpAnswer batch(List<String> ids) {
    List<Job> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      FakeJob job = jobs.get(id);
      if (job == null) {
        missing.add(id);
      } else {
        found.add(view(job));
      }
    }
    return json(200, new JobBatch(found, missing), Map.of());
  }

  private HttpAnswer cancel(FakeJob job) {
    if (view(job).isTerminal()) {
      return json(409, view(job), Map.of());
    }
    FakeJob canceled =
        new FakeJob(job.id(), job.createdAt(), Duration.between(job.createdAt(), clock.instant()), JobStatus.CANCELED, job.source(), job.target());
    jobs.put(job.id(), canceled);
    return json(202, view(canceled), Map.of());
  }

  private HttpAnswer render(FakeJob job) {
    Job view = view(job);
    Map<String, String> headers = new LinkedHashMap<>();
    if (view.pollAfter() != null) {
      headers.put("Retry-After", Long.toString(Math.max(1, (view.pollAfter().toMillis() + 999) / 1000)));
    }
    return json(200, view, headers);
  }

  /** Returns the job as the version 1 routes show it now. */
  public synchronized Job view(FakeJob job) {
    Instant now = clock.instant();
    if (now.isBefore(job.endsAt())) {
      Duration remaining = Duration.between(now, job.endsAt());
      Duration est = estimate.apply(remaining);
      return new Job(job.id(), JobStatus.PENDING, 0.5, job.createdAt(), job.createdAt(), null,
          now.plus(est), est, job.source(), job.target(), null, null, null, null);
    }
    JobStatus s = job.outcome();
    return new Job(job.id(), s, 1.0, job.createdAt(), job.endsAt(), job.endsAt(), null, null,
        job.source(), job.target(), null,
        s == JobStatus.COMPLETED ? new JobResult("https://cdn.example/" + job.id()) : null,
        s == JobStatus.COMPLETED ? null : new JobError(s == JobStatus.ERROR ? "translation_failed" : "canceled", "ended " + s.wireName()),
        null);
  }

  private SeedStatus seedStatus(FakeJob job) {
    Job v = view(job);
    return switch (v.status()) {
      case PENDING -> new SeedStatus("pending", null);
      case COMPLETED -> new SeedStatus("completed", null);
      default -> new SeedStatus("error", "ended " + v.status().wireName());
    };
  }
}
