package dev.vtstatus.client.internal.strategy;

import java.util.List;

/** Poll moments as job ages in seconds: pure and immutable. */
interface AgeSchedule {

  /** Returns the first poll age strictly after {@code age}. */
  double nextAgeAfter(double age);

  /** Returns the first poll age of the schedule. */
  double firstAge();

  /** A fixed list of ages, then a constant step after the last one. */
  record Listed(List<Double> ages, double step) implements AgeSchedule {
    @Override
    public double nextAgeAfter(double age) {
      for (double a : ages) {
        if (a > age) {
          return a;
        }
      }
      double last = ages.get(ages.size() - 1);
      return last + (Math.floor((age - last) / step) + 1) * step;
    }

    @Override
    public double firstAge() {
      return ages.get(0);
    }
  }

  /**
   * Polls at {@code start + k * gap} up to {@code tailStart}, then with gaps growing by half each
   * time up to {@code maxGap}, so a job far longer than any seen costs few polls.
   */
  record Grid(double start, double gap, double tailStart, double maxGap) implements AgeSchedule {
    @Override
    public double nextAgeAfter(double age) {
      if (age < start) {
        return start;
      }
      double t = start + (Math.floor((age - start) / gap) + 1) * gap;
      if (t <= tailStart) {
        return t;
      }
      double last = start + Math.floor((tailStart - start) / gap) * gap;
      double step = gap;
      while (last <= age) {
        step = Math.min(step * 1.5, maxGap);
        last += step;
      }
      return last;
    }

    @Override
    public double firstAge() {
      return start;
    }
  }
}
