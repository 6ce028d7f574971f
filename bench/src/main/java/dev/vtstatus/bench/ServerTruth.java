package dev.vtstatus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobBatch;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.protocol.SeedStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the server's own record of jobs after a run, with a plain HTTP client of its own, so a
 * client's answer can be checked against it. Not thread-safe; one per run.
 */
final class ServerTruth {

  private static final ObjectMapper JSON = Json.mapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  ServerTruth(URI base) {
    this.base = base;
  }

  /**
   * Returns the server's status (and, on v1, its {@code completed_at}) of every job in {@code ids}.
   *
   * @param seedProtocol read through {@code GET /status/{id}} instead of the v1 batch read
   * @throws UncheckedIOException when the server cannot be read
   */
  Map<String, Truth> read(List<String> ids, boolean seedProtocol) {
    Map<String, Truth> truth = new HashMap<>();
    try {
      if (seedProtocol) {
        for (String id : ids) {
          SeedStatus status = JSON.readValue(get("/status/" + encode(id)), SeedStatus.class);
          truth.put(id, new Truth(JobStatus.fromWire(status.result()), null));
        }
      } else {
        for (int from = 0; from < ids.size(); from += Protocol.MAX_BATCH) {
          List<String> slice = ids.subList(from, Math.min(ids.size(), from + Protocol.MAX_BATCH));
          JobBatch batch =
              JSON.readValue(get("/v1/jobs?ids=" + encode(String.join(",", slice))), JobBatch.class);
          for (Job job : batch.jobs()) {
            truth.put(job.jobId(), new Truth(job.status(), job.completedAt()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the server's record of the jobs", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the server's record", e);
    }
    return truth;
  }

  private String get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException("GET " + pathAndQuery + " answered " + answer.statusCode());
    }
    return answer.body();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2C", ",");
  }

  /**
   * The server's record of one job.
   *
   * @param status its status
   * @param completedAt when it ended; null while pending, and always on the seed protocol
   */
  record Truth(JobStatus status, Instant completedAt) {}
}
