package dev.vtstatus.client.internal.strategy;

import java.util.Arrays;

/**
 * Poll moments as job ages in seconds: a list of ages, then beyond the last one a gap of {@code
 * tailShare} times the job's age so far (at least {@code minTailGap}, at most {@code maxGap}). With a
 * share of 1 the age doubles per poll as on the seed's schedule, so a job longer than any seen costs
 * few polls. Immutable.
 *
 * @param ages the poll ages, ascending
 * @param minTailGap the smallest gap after the last age
 * @param maxGap the largest gap after the last age
 * @param tailShare the gap after the last age as a share of the age
 */
record AgeSchedule(double[] ages, double minTailGap, double maxGap, double tailShare) {

  AgeSchedule {
    ages = ages.clone();
  }

  /** A schedule whose age doubles per poll beyond the last age. */
  AgeSchedule(double[] ages, double minTailGap, double maxGap) {
    this(ages, minTailGap, maxGap, 1.0);
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
      last += Math.min(maxGap, Math.max(minTailGap, tailShare * last));
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
