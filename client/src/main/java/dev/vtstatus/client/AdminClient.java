package dev.vtstatus.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vtstatus.client.internal.wait.AnswerReader;
import dev.vtstatus.client.internal.http.HttpAnswer;
import dev.vtstatus.protocol.AdminStats;
import dev.vtstatus.protocol.Faults;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobError;
import dev.vtstatus.protocol.JobList;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.Problem;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.Route;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Controls a vtstatus server at run time through its admin routes ({@code /admin/*}, see
 * docs/PROTOCOL.md): ends jobs now, changes fault injection, lists jobs, reads counters, resets.
 *
 * <pre>{@code
 * try (AdminClient admin = AdminClient.builder().baseUrl("http://127.0.0.1:5000").build()) {
 *   Job done = admin.completeNow(jobId);
 *   admin.setFaults(Faults.NONE.withFaultRate(0.2));
 * }
 * }</pre>
 *
 * <p>Each method makes one request, without retries, and throws what the server's refusal means:
 * {@link JobNotFoundException} for an unknown job, {@link AuthenticationException} for a missing or
 * wrong admin key (401, 403), {@link ApiException} otherwise (409 when the job had already ended);
 * a transport failure is a {@link VideoTranslationException} with the {@link IOException} as its
 * cause. Faults and counters are those of the replica that answers. Thread-safe; {@link #close()}
 * releases its threads.
 */
public final class AdminClient implements AutoCloseable {
  /** The largest answer read: a thousand jobs with generous metadata fit well below it. */
  private static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

  private final URI baseUrl;
  private final String adminKey;
  private final Duration requestTimeout;
  private final ExecutorService executor;
  private final HttpClient http;

  private AdminClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.adminKey = b.adminKey;
    this.requestTimeout = b.requestTimeout;
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "vtstatus-admin");
      t.setDaemon(true);
      return t;
    });
    this.http = HttpClient.newBuilder()
        .executor(executor)
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(requestTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** Returns a builder for a server on {@code http://127.0.0.1:5000} with no admin key. */
  public static Builder builder() {
    return new Builder();
  }

  /** Ends a pending job now as {@code completed} and returns it; 409 when it had already ended. */
  public Job completeNow(String jobId) {
    return job(send(Route.ADMIN_COMPLETE, "", null, jobId), jobId);
  }

  /** Ends a pending job now as {@code error} with the server's default code and message. */
  public Job failNow(String jobId) {
    return job(send(Route.ADMIN_FAIL, "", null, jobId), jobId);
  }

  /**
   * Ends a pending job now as {@code error} with {@code code} and {@code message} (either may be
   * null for the server's default) and returns it; 409 when it had already ended.
   */
  public Job failNow(String jobId, String code, String message) {
    return job(send(Route.ADMIN_FAIL, "", write(new JobError(code, message)), jobId), jobId);
  }

  /** Returns up to 100 jobs the server holds, newest first. */
  public List<Job> jobs() {
    return jobs(null, 100);
  }

  /**
   * Returns up to {@code limit} (1 to 1000) jobs the server holds, newest first, only those in
   * {@code status} when it is not null.
   */
  public List<Job> jobs(JobStatus status, int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
    }
    String query = "?limit=" + limit + (status == null ? "" : "&status=" + status.wireName());
    return read(send(Route.ADMIN_JOBS, query, null, null), JobList.class, "job list").jobs();
  }

  /** Returns the fault injection in force now. */
  public Faults faults() {
    return read(send(Route.ADMIN_FAULTS, "", null, null), Faults.class, "faults");
  }

  /** Puts {@code faults} in force at once and returns what the server now applies. */
  public Faults setFaults(Faults faults) {
    Objects.requireNonNull(faults, "faults");
    return read(send(Route.ADMIN_SET_FAULTS, "", write(faults), null), Faults.class, "faults");
  }

  /** Returns the server's counters since it started or was last reset. */
  public AdminStats stats() {
    return read(send(Route.ADMIN_STATS, "", null, null), AdminStats.class, "stats");
  }

  /** Forgets every client job (the default job stays) and puts the configured faults back. */
  public void reset() {
    send(Route.ADMIN_RESET, "", null, null);
  }

  /** Releases the client's thread; idempotent. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  private static String requireId(String jobId) {
    if (jobId == null || jobId.isBlank()) {
      throw new IllegalArgumentException("jobId must not be blank, was '" + jobId + "'");
    }
    return jobId;
  }

  private static Job job(HttpAnswer answer, String jobId) {
    return AnswerReader.job(answer, jobId);
  }

  private static <T> T read(HttpAnswer answer, Class<T> type, String what) {
    return AnswerReader.record(answer, type, what);
  }

  private static String write(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
    }
  }

  /**
   * Sends one request on {@code route} ({@code jobId} its path's id, or null when it has none) and
   * returns a 2xx answer; anything else is thrown as what it means.
   */
  private HttpAnswer send(Route route, String query, String body, String jobId) {
    String method = route.method();
    String pathAndQuery = (jobId == null
        ? route.path() : route.path(URLEncoder.encode(requireId(jobId), StandardCharsets.UTF_8))) + query;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .timeout(requestTimeout)
        .header("Accept", "application/json")
        .method(method, body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (adminKey != null) {
      request.header(Protocol.API_KEY_HEADER, adminKey);
    }
    HttpAnswer answer;
    try {
      HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      answer = new HttpAnswer(response.statusCode(), response.headers().map(), bounded(response.body()));
    } catch (IOException e) {
      throw new VideoTranslationException(
          method + " " + baseUrl + pathAndQuery + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VideoTranslationException("interrupted during " + method + " " + pathAndQuery, e);
    }
    if (answer.status() / 100 == 2) {
      return answer;
    }
    if (answer.status() == 409) {
      Job current = AnswerReader.job(answer, null);
      throw new ApiException(409, new Problem(null, "Conflict", 409,
          "job " + current.jobId() + " has already ended: " + current.status().wireName()));
    }
    throw AnswerReader.refusal(answer, jobId);
  }

  private static String bounded(InputStream body) throws IOException {
    try (InputStream in = body) {
      byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
      if (bytes.length > MAX_ANSWER_BYTES) {
        throw new InvalidResponseException("answer is larger than " + MAX_ANSWER_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** Builds an {@link AdminClient}. Each setter checks its value at once. Not thread-safe. */
  public static final class Builder {
    private URI baseUrl = URI.create("http://127.0.0.1:5000");
    private String adminKey;
    private Duration requestTimeout = Duration.ofSeconds(10);

    private Builder() {}

    /** Sets the server's base URL; default {@code http://127.0.0.1:5000}. */
    public Builder baseUrl(String url) {
      if (url == null || url.isBlank()) {
        throw new IllegalArgumentException("baseUrl must not be blank, was '" + url + "'");
      }
      return baseUrl(URI.create(url.trim()));
    }

    /** Sets the server's base URL; it must be absolute http or https. */
    public Builder baseUrl(URI url) {
      if (url == null || url.getHost() == null
          || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was '" + url + "'");
      }
      String s = url.toString();
      baseUrl = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
      return this;
    }

    /** Sets the admin key sent as {@code X-Api-Key}; default none (a server without keys). */
    public Builder adminKey(String key) {
      if (key != null && (key.isBlank() || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
        throw new IllegalArgumentException("adminKey must be printable ASCII without spaces");
      }
      adminKey = key;
      return this;
    }

    /** Sets how long one request (connect included) may take; default 10 s. */
    public Builder requestTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive, was " + timeout);
      }
      requestTimeout = timeout;
      return this;
    }

    /** Returns the client. */
    public AdminClient build() {
      return new AdminClient(this);
    }
  }
}
