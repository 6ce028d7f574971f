package dev.vtstatus.client.internal.strategy;

import java.util.Arrays;

/**
 * Poll moments as job ages in seconds: a list of ages, then beyond the last one a gap equal to the
 * job's age so far (at least {@code minTailGap}, at most {@code maxGap}), so the age doubles per
 * poll as on the seed's schedule and a job longer than any seen costs few polls. Immutable.
 *
 * @param ages the poll ages, ascending
 * @param minTailGap the smallest gap after the last age
 * @param maxGap the largest gap after the last age
 */
record AgeSchedule(double[] ages, double minTailGap, double maxGap) {

  AgeSchedule {
    ages = ages.clone();
  }

  /** Returns the first poll age strictly after {@code age}. */
  double nextAgeAfter(double age) {
    for (double a : ages) {
      if (a > age) {
        return a;
      }
    }
    double last = ages[ages.length - 1];
    while (last <= age) {
      last += Math.min(maxGap, Math.max(minTailGap, last));
    }
    return last;
  }

  /** Returns the first poll age. */
  double firstAge() {
    return ages[0];
  }

  @Override
  public String toString() {
    return "AgeSchedule" + Arrays.toString(ages);
  }
}
