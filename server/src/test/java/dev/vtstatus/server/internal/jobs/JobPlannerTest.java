package dev.vtstatus.server.internal.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.JobStatus;
import dev.vtstatus.server.ServerConfig;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JobPlannerTest {
  private static JobPlanner planner(long seed, double errorProbability) {
    return new JobPlanner(ServerConfig.builder().seed(seed).minDelay(Duration.ofMillis(100))
        .maxDelay(Duration.ofMillis(900)).errorProbability(errorProbability).build());
  }

  @Test
  void sameSeedAndSequenceGiveTheSamePlan() {
    // Given
    JobPlanner a = planner(11, 0.5);
    JobPlanner b = planner(11, 0.5);

    // When / Then
    for (long seq = 0; seq < 50; seq++) {
      assertThat(a.plan(seq, null, null)).isEqualTo(b.plan(seq, null, null));
    }
    assertThat(IntStream.range(0, 50).mapToObj(i -> a.plan(i, null, null)).toList())
        .isNotEqualTo(IntStream.range(0, 50).mapToObj(i -> planner(12, 0.5).plan(i, null, null)).toList());
  }

  @Test
  void durationsStayWithinTheConfiguredRange() {
    // Given
    JobPlanner planner = planner(3, 0.1);

    // When / Then
    for (long seq = 0; seq < 2000; seq++) {
      assertThat(planner.plan(seq, null, null).duration()).isBetween(Duration.ofMillis(100), Duration.ofMillis(900));
    }
  }

  @Test
  void errorShareFollowsTheErrorProbability() {
    // Given
    JobPlanner planner = planner(5, 0.1);

    // When
    long errors = IntStream.range(0, 10_000)
        .filter(i -> planner.plan(i, null, null).outcome() == JobStatus.ERROR).count();

    // Then
    assertThat(errors / 10_000.0).isBetween(0.08, 0.12);
  }

  @Test
  void overrideOfOneValueKeepsTheOtherDrawnValue() {
    // Given
    JobPlanner planner = planner(9, 0.5);
    JobPlanner.Plan drawn = planner.plan(4, null, null);

    // When
    JobPlanner.Plan forcedDuration = planner.plan(4, Duration.ofMillis(1), null);
    JobPlanner.Plan forcedOutcome = planner.plan(4, null, JobStatus.ERROR);

    // Then
    assertThat(forcedDuration).isEqualTo(new JobPlanner.Plan(Duration.ofMillis(1), drawn.outcome()));
    assertThat(forcedOutcome).isEqualTo(new JobPlanner.Plan(drawn.duration(), JobStatus.ERROR));
  }
}
