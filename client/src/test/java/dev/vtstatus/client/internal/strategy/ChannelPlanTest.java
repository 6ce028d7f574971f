package dev.vtstatus.client.internal.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.client.WaitStrategy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChannelPlanTest {

  private static ChannelPlan planOf(WaitStrategy strategy) {
    return ((BuiltInStrategy) strategy).channelPlan();
  }

  @Test
  void eventsAndAutoTryTheStreamThenLongPollsOfTheServersLengthThenAdaptivePolling() {
    // Given / When
    for (WaitStrategy s : new WaitStrategy[] {WaitStrategy.events(), WaitStrategy.auto()}) {
      ChannelPlan plan = planOf(s);

      // Then
      assertThat(plan.events()).as(s.name()).isTrue();
      assertThat(plan.longPoll()).as(s.name()).isTrue();
      assertThat(plan.longPollWait()).as(s.name()).isNull();
      assertThat(plan.polling()).as(s.name()).isInstanceOf(AdaptiveStrategy.class);
      assertThat(plan.pollsOnly()).as(s.name()).isFalse();
    }
  }

  @Test
  void longPollAsksForItsOwnLengthAndFallsBackToAdaptivePolling() {
    // Given / When
    ChannelPlan plan = planOf(WaitStrategy.longPoll(Duration.ofSeconds(20)));

    // Then
    assertThat(plan.events()).isFalse();
    assertThat(plan.longPoll()).isTrue();
    assertThat(plan.longPollWait()).isEqualTo(Duration.ofSeconds(20));
    assertThat(plan.polling().name()).isEqualTo("adaptive");
  }

  @Test
  void aScheduleOnlyPollsOnItsOwnSchedule() {
    // Given
    WaitStrategy fixed = WaitStrategy.fixed(Duration.ofSeconds(2));

    // When
    ChannelPlan plan = planOf(fixed);

    // Then
    assertThat(plan.pollsOnly()).isTrue();
    assertThat(plan.polling()).isSameAs(fixed);
  }

  @Test
  void eachPlanOfALearningStrategyLearnsAlone() {
    // Given
    WaitStrategy adaptive = WaitStrategy.adaptive();

    // When
    ChannelPlan first = planOf(adaptive);
    ChannelPlan second = planOf(adaptive);

    // Then: two clients never share what they learn
    assertThat(first.polling()).isNotSameAs(second.polling()).isNotSameAs(adaptive);
    assertThat(planOf(WaitStrategy.auto()).polling()).isNotSameAs(planOf(WaitStrategy.auto()).polling());
  }
}
