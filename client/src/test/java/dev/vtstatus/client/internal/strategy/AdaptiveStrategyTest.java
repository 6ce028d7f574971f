package dev.vtstatus.client.internal.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.Job;
import dev.vtstatus.protocol.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdaptiveStrategyTest {
  private static final Instant T0 = Simulation.T0;

  @Test
  void beforeLearningPollsByJobAgeAtTheSparsePrior() {
    // Given: a job this client created (age known), no hints
    ScheduleStrategy adaptive = AdaptiveStrategy.defaults();
    PollPlanner planner = adaptive.newPlanner();
    var bare = Simulation.pending(T0, T0.plusSeconds(100), false, 0, new Random(0));

    // When / Then
    assertThat(planner.nextDelay(new PollInput(T0, T0, T0, bare, null, 0))).isEqualTo(Duration.ofMillis(1_500));
    assertThat(planner.nextDelay(new PollInput(T0.plusMillis(1_500), T0, T0, bare, null, 1)))
        .isEqualTo(Duration.ofMillis(2_500));
    assertThat(planner.nextDelay(new PollInput(T0.plusSeconds(4), T0, T0, bare, null, 2)))
        .isEqualTo(Duration.ofSeconds(4));
    assertThat(planner.nextDelay(new PollInput(T0.plusSeconds(30), T0, T0, bare, null, 6)))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aJobOfUnknownAgeIsPolledAtOnce() {
    // When
    Duration first = AdaptiveStrategy.defaults().newPlanner().nextDelay(new PollInput(T0, T0, null, null, null, 0));

    // Then
    assertThat(first).isZero();
  }

  @Test
  void beforeLearningAimsItsHintedLooksAtTwoPercentOfTheJobsOwnEstimate() {
    // Given: a cold client, a job created now whose estimate says it ends in 1 s
    PollPlanner planner = AdaptiveStrategy.defaults().forClient().newPlanner();
    Job created = estimated(T0.plusSeconds(1));

    // When
    Duration first = planner.nextDelay(new PollInput(T0, T0, T0, created, null, 0));

    // Then: the earliest end (1 s / 1.3) plus 2% of the 1 s, not hinted()'s 5%
    assertThat(first.toMillis()).isEqualTo(769 + 20);
  }

  @Test
  void aLookPastTheEstimateIsFlooredAtItsTargetNotAtHintedsFloor() {
    // Given: a cold client and an answer whose estimate has just passed (a job of 0.5 s)
    PollPlanner planner = AdaptiveStrategy.defaults().forClient().newPlanner();
    Job late = estimated(T0.plusMillis(500));

    // When
    Duration next = planner.nextDelay(new PollInput(T0.plusMillis(510), T0, T0, late, null, 1));

    // Then: 2% of the 0.5 s, below hinted()'s 25 ms floor
    assertThat(next).isEqualTo(Duration.ofMillis(10));
  }

  private static Job estimated(Instant eta) {
    return new Job("j", JobStatus.PENDING, 0.5, T0, T0, null, eta, Duration.between(T0, eta),
        null, null, null, null, null, null);
  }

  @Test
  void eachClientLearnsOnItsOwnInstance() {
    // Given
    ScheduleStrategy template = AdaptiveStrategy.defaults();
    AdaptiveStrategy one = (AdaptiveStrategy) template.forClient();
    AdaptiveStrategy two = (AdaptiveStrategy) template.forClient();

    // When
    one.learn(null, T0, null, T0.plusSeconds(3), T0.plusSeconds(4));

    // Then
    assertThat(one.samples()).isEqualTo(1);
    assertThat(two.samples()).isZero();
  }

  static Stream<Arguments> distributions() {
    return Stream.of(
        Arguments.of("uniform 5-10 s", (java.util.function.Function<Random, DoubleSupplier>) r -> () -> 5 + 5 * r.nextDouble()),
        Arguments.of("uniform 1-3 s", (java.util.function.Function<Random, DoubleSupplier>) r -> () -> 1 + 2 * r.nextDouble()),
        Arguments.of("log-normal around 8 s", (java.util.function.Function<Random, DoubleSupplier>) r -> () -> Math.exp(Math.log(8) + 0.4 * r.nextGaussian())),
        Arguments.of("bimodal 2 s or 20 s", (java.util.function.Function<Random, DoubleSupplier>) r -> () -> r.nextBoolean() ? 2 + 0.5 * r.nextDouble() : 20 + 2 * r.nextDouble()),
        Arguments.of("nearly constant 3 s", (java.util.function.Function<Random, DoubleSupplier>) r -> () -> 3 + 0.1 * r.nextDouble()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("distributions")
  void withoutHintsBeatsSeedOnRequestsAndP95LatencyFromTheFirstJobs(
      String name, java.util.function.Function<Random, DoubleSupplier> distribution) {
    // Given: the same job durations for both, no estimates (seed protocol)
    ScheduleStrategy adaptive = AdaptiveStrategy.defaults().forClient();
    Random unused = new Random(0);

    // When: the first 20 jobs, then the next 500
    Simulation.Totals adaptiveFirst = Simulation.runMany(adaptive, 20, distribution.apply(new Random(3)), false, 0, true, unused);
    Simulation.Totals seedFirst = Simulation.runMany(ExponentialStrategy.seed(), 20, distribution.apply(new Random(3)), false, 0, false, unused);
    Simulation.Totals adaptiveLater = Simulation.runMany(adaptive, 500, distribution.apply(new Random(4)), false, 0, true, unused);
    Simulation.Totals seedLater = Simulation.runMany(ExponentialStrategy.seed(), 500, distribution.apply(new Random(4)), false, 0, false, unused);

    // Then
    assertThat(adaptiveFirst.meanRequests()).as("requests, first jobs").isLessThan(seedFirst.meanRequests());
    assertThat(adaptiveFirst.p95LatencySeconds()).as("p95, first jobs").isLessThan(seedFirst.p95LatencySeconds());
    assertThat(adaptiveLater.meanRequests()).as("requests, later").isLessThan(seedLater.meanRequests());
    assertThat(adaptiveLater.p95LatencySeconds()).as("p95, later").isLessThan(seedLater.p95LatencySeconds());
  }

  @Test
  void withoutHintsBeatsTheSeedScheduleCompressedToShortJobs() {
    // Given: jobs of 0.5-1 s (the seed's 5-10 s compressed 10x), no estimates, and the seed's
    // schedule compressed likewise: at once, then 0.2, 0.4, 0.8, 1.6, 3 s
    ScheduleStrategy adaptive = AdaptiveStrategy.defaults().forClient();
    ScheduleStrategy compressedSeed =
        new ExponentialStrategy("seed", Duration.ofMillis(200), 2.0, Duration.ofSeconds(3), 0);
    Random unused = new Random(0);

    // When: 20 jobs to learn from, then the next 500
    Simulation.runMany(adaptive, 20, Simulation.uniform(new Random(3), 0.5, 1), false, 0, true, unused);
    Simulation.Totals adaptiveLater = Simulation.runMany(adaptive, 500, Simulation.uniform(new Random(4), 0.5, 1), false, 0, true, unused);
    Simulation.Totals seedLater = Simulation.runMany(compressedSeed, 500, Simulation.uniform(new Random(4), 0.5, 1), false, 0, false, unused);

    // Then: once learned, fewer requests and a lower p95 latency at once
    assertThat(adaptiveLater.meanRequests()).as("requests, later").isLessThan(seedLater.meanRequests());
    assertThat(adaptiveLater.p95LatencySeconds()).as("p95, later").isLessThan(seedLater.p95LatencySeconds());
  }

  @Test
  void shortJobsAreBudgetedByTheSeedScheduleScaledToThem() {
    // Given: ten jobs of 0.50-0.95 s; the seed as written looks at them only at 0 and 2 s
    DurationModel model = new DurationModel(0.10, 0.9);
    double[] sorted = new double[10];
    for (int i = 0; i < 10; i++) {
      sorted[i] = 0.5 + i * 0.05;
    }

    // When
    AgeSchedule schedule = model.fit(sorted);
    DurationModel.Evaluation chosen = DurationModel.evaluate(sorted, schedule.ages());

    // Then: more than one poll a job is allowed, and the latency target is met within the budget
    assertThat(DurationModel.seedRequests(sorted)).isEqualTo(2.0);
    assertThat(DurationModel.seedBudgetRequests(sorted, 0.725)).isGreaterThan(3.0);
    assertThat(chosen.p95Latency()).isLessThanOrEqualTo(0.1 * 0.725);
    assertThat(chosen.requests()).isLessThanOrEqualTo(0.9 * DurationModel.seedBudgetRequests(sorted, 0.725));
  }

  @Test
  void withHintsKeepsP95LatencyWithinTenPercentOfTheMeanDuration() {
    // Given
    ScheduleStrategy adaptive = AdaptiveStrategy.defaults().forClient();
    Random random = new Random(9);

    // When
    Simulation.Totals totals = Simulation.runMany(adaptive, 1_000, Simulation.uniform(new Random(5), 5, 10), true, 0.3, true, random);
    Simulation.Totals seed = Simulation.runMany(ExponentialStrategy.seed(), 1_000, Simulation.uniform(new Random(5), 5, 10), true, 0.3, false, random);

    // Then
    assertThat(totals.p95LatencySeconds()).isLessThanOrEqualTo(0.75);
    assertThat(totals.meanRequests()).isLessThan(seed.meanRequests());
  }

  @Test
  void fittedSchedulePollsAtQuantilesMeetingTheTargetWithinTheSeedBudget() {
    // Given: durations 4.0, 4.1, ... 4.9 s
    DurationModel model = new DurationModel(0.10, 0.9);
    double[] sorted = new double[10];
    for (int i = 0; i < 10; i++) {
      sorted[i] = 4.0 + i * 0.1;
    }

    // When
    AgeSchedule schedule = model.fit(sorted);
    DurationModel.Evaluation chosen = DurationModel.evaluate(sorted, schedule.ages());

    // Then
    assertThat(chosen.p95Latency()).isLessThanOrEqualTo(0.1 * 4.45);
    assertThat(chosen.requests()).isLessThanOrEqualTo(0.9 * DurationModel.seedRequests(sorted));
    assertThat(java.util.Arrays.stream(schedule.ages()).boxed().toList()).allSatisfy(age -> assertThat(age).isBetween(4.0, 4.9));
    // ten samples are few: beyond the longest the schedule steps by a quarter of the age
    assertThat(schedule.nextAgeAfter(4.9)).isCloseTo(6.125, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void bimodalDurationsGetAPollAtTheEndOfEachMode() {
    // Given: half the jobs take 2.0-2.4 s, half 20.0-20.4 s
    DurationModel model = new DurationModel(0.10, 0.9);
    double[] sorted = new double[10];
    for (int i = 0; i < 5; i++) {
      sorted[i] = 2.0 + i * 0.1;
      sorted[5 + i] = 20.0 + i * 0.1;
    }

    // When
    AgeSchedule schedule = model.fit(sorted);
    DurationModel.Evaluation chosen = DurationModel.evaluate(sorted, schedule.ages());

    // Then
    assertThat(schedule.ages()).contains(2.4, 20.4);
    assertThat(chosen.requests()).isLessThan(DurationModel.seedRequests(sorted) * 0.9);
  }

  @Test
  void learnsPerLanguagePairOnceAPairHasEnoughSamples() {
    // Given: 20 en->es jobs of about 2 s and 20 en->ja jobs of about 20 s
    DurationModel model = new DurationModel(0.10, 0.9);
    for (int i = 0; i < 20; i++) {
      model.add("en->es", 2.0 + i * 0.01);
      model.add("en->ja", 20.0 + i * 0.1);
    }

    // When
    AgeSchedule spanish = model.schedule("en->es");
    AgeSchedule japanese = model.schedule("en->ja");
    AgeSchedule unknown = model.schedule("de->fr");

    // Then
    assertThat(spanish.ages()[spanish.ages().length - 1]).isLessThan(2.5);
    assertThat(japanese.firstAge()).isGreaterThanOrEqualTo(20.0);
    assertThat(unknown.firstAge()).isLessThan(japanese.firstAge());
  }

  @Test
  void learnsHowNoisyTheServersEstimatesAreAndStaysPrompt() {
    // Given: a server whose estimates are off by up to 60%, twice what hinted() assumes
    AdaptiveStrategy adaptive = (AdaptiveStrategy) AdaptiveStrategy.defaults().forClient();
    Random random = new Random(21);
    Simulation.runMany(adaptive, 300, Simulation.uniform(new Random(22), 5, 10), true, 0.6, true, random);

    // When
    Simulation.Totals learned = Simulation.runMany(adaptive, 2_000, Simulation.uniform(new Random(23), 5, 10), true, 0.6, true, random);
    Simulation.Totals fixedMargin = Simulation.runMany(HintedStrategy.defaults(), 2_000, Simulation.uniform(new Random(23), 5, 10), true, 0.6, true, random);

    // Then
    assertThat(adaptive.noiseMargin()).isBetween(0.5, 0.6);
    assertThat(learned.p95LatencySeconds()).isLessThan(fixedMargin.p95LatencySeconds());
    assertThat(learned.p95LatencySeconds()).isLessThanOrEqualTo(0.75);
  }
}
