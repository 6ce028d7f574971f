package dev.vtstatus.client.internal.strategy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TmpNumbersTest {
  @Test
  void numbers() {
    Object[][] rows = {
      {"seed", ExponentialStrategy.seed(), false, false},
      {"fixed 1s", new FixedStrategy(Duration.ofSeconds(1)), false, false},
      {"exponential 0.5s x2 max 10s j0.2", new ExponentialStrategy("e", Duration.ofMillis(500), 2, Duration.ofSeconds(10), 0.2), false, false},
      {"hinted (v1 hints)", HintedStrategy.defaults(), true, true},
      {"adaptive (v1 hints)", AdaptiveStrategy.defaults().forClient(), true, true},
      {"adaptive (seed protocol, no hints)", AdaptiveStrategy.defaults().forClient(), false, true},
    };
    for (Object[] r : rows) {
      ScheduleStrategy s = (ScheduleStrategy) r[1];
      Simulation.runMany(s, 200, Simulation.uniform(new Random(11), 5, 10), (boolean) r[2], 0.3, (boolean) r[3], new Random(12));
      Simulation.Totals t = Simulation.runMany(s, 5000, Simulation.uniform(new Random(1), 5, 10), (boolean) r[2], 0.3, (boolean) r[3], new Random(2));
      System.out.printf("| %s | %.2f | %.2f | %.2f |%n", r[0], t.meanRequests(), t.meanLatencySeconds(), t.p95LatencySeconds());
    }
  }
}
