package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.junit.VtStatusServer;
import dev.vtstatus.junit.VtStatusServerExtension;
import dev.vtstatus.protocol.Faults;
import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.protocol.Json;
import dev.vtstatus.testing.Ports;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code vtstatus admin ...} against a real server with job and admin keys. */
class AdminCommandTest {
  private static final String ADMIN = "admin-key-1";

  @RegisterExtension
  static final VtStatusServerExtension SERVER = VtStatusServerExtension.builder()
      .configure(c -> c.minDelay(Duration.ofHours(1)).maxDelay(Duration.ofHours(1))
          .apiKeys(Set.of("job-key")).adminKey(ADMIN))
      .build();

  private static CliRun admin(VtStatusServer server, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "admin";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--url";
    all[args.length + 2] = server.baseUrl().toString();
    all[args.length + 3] = "--admin-key";
    all[args.length + 4] = ADMIN;
    return CliRun.run(all);
  }

  @Test
  void completeAndFailEndJobsAndPrintThem(VtStatusServer server) throws Exception {
    // Given
    Job one = server.client().createJob();
    Job two = server.client().createJob();

    // When
    CliRun complete = admin(server, "complete", one.jobId());
    CliRun fail = admin(server, "fail", two.jobId(), "--code", "bad_audio", "--message", "no speech");

    // Then
    assertThat(complete.exitCode()).as(complete.err()).isZero();
    assertThat(Json.mapper().readTree(complete.out()).get("status").asText()).isEqualTo("completed");
    assertThat(fail.exitCode()).as(fail.err()).isZero();
    assertThat(Json.mapper().readTree(fail.out()).at("/error/code").asText()).isEqualTo("bad_audio");
    assertThat(server.client().getStatus(two.jobId()).status()).isEqualTo(JobStatus.ERROR);
  }

  @Test
  void jobsStatsFaultsAndResetPrintJson(VtStatusServer server) throws Exception {
    // Given
    Job job = server.client().createJob();

    // When
    CliRun jobs = admin(server, "jobs", "--status", "pending", "--limit", "5");
    CliRun faults = admin(server, "faults", "--fault-latency", "20ms", "--rate-limit", "100");
    CliRun stats = admin(server, "stats");
    CliRun reset = admin(server, "reset");

    // Then
    JsonNode listed = Json.mapper().readTree(jobs.out()).get("jobs");
    assertThat(listed.get(0).get("job_id").asText()).isEqualTo(job.jobId());
    assertThat(Json.mapper().readTree(faults.out()).get("fault_latency_ms").asInt()).isEqualTo(20);
    assertThat(Json.mapper().readTree(stats.out()).get("jobs_created").asInt()).isEqualTo(1);
    assertThat(reset.exitCode()).as(reset.err()).isZero();
    assertThat(server.faults()).isEqualTo(Faults.NONE);
    assertThat(server.jobsCreated()).isZero();
  }

  @Test
  void aJobThatHadEndedOrAnUnknownJobExitsThree(VtStatusServer server) {
    // Given
    Job job = server.client().createJob();
    server.completeNow(job.jobId());

    // When
    CliRun ended = admin(server, "fail", job.jobId());
    CliRun unknown = admin(server, "complete", "3f6c9a0e-5b7d-4c1e-9f00-1d2e3f4a5b6c");

    // Then
    assertThat(ended.exitCode()).isEqualTo(ExitCode.SERVER);
    assertThat(ended.err()).contains("409").contains("already ended");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.SERVER);
    assertThat(unknown.err()).contains("no job");
  }

  @Test
  void aJobKeyOrNoServerExitsThreeAndABadValueTwo(VtStatusServer server) {
    // When
    CliRun jobKey = CliRun.run("admin", "stats", "--url", server.baseUrl().toString(), "--admin-key", "job-key");
    CliRun down = CliRun.run("admin", "stats", "--url", Ports.unreachableUrl());
    CliRun bad = admin(server, "faults", "--fault-rate", "2");
    CliRun none = CliRun.run("admin");

    // Then
    assertThat(jobKey.exitCode()).isEqualTo(ExitCode.SERVER);
    assertThat(jobKey.err()).contains("--admin-key");
    assertThat(down.exitCode()).isEqualTo(ExitCode.SERVER);
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(bad.err()).contains("fault_rate");
    assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
  }
}
