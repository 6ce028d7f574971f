package dev.vtstatus.client.internal.strategy;

import java.util.Arrays;

/**
 * How far the server's remaining-time estimates were off, relative to the true remaining time, over
 * the latest {@value #CAPACITY} estimates whose outcome is known. Until {@value #MIN_SAMPLES} exist
 * the configured margin holds; then the 95th percentile, kept between {@value #MIN_MARGIN} and
 * {@value #MAX_MARGIN}. Thread-safe (synchronized).
 */
final class NoiseModel {
  static final int CAPACITY = 512;
  static final int MIN_SAMPLES = 20;
  static final double MIN_MARGIN = 0.05;
  static final double MAX_MARGIN = 0.9;

  private final double prior;
  private final double[] ring = new double[CAPACITY];
  private int count;
  private int next;
  private double cached = Double.NaN;

  NoiseModel(double prior) {
    this.prior = prior;
  }

  synchronized void add(double relativeError) {
    if (!(relativeError >= 0) || Double.isInfinite(relativeError)) {
      return;
    }
    ring[next] = relativeError;
    next = (next + 1) % CAPACITY;
    count = Math.min(count + 1, CAPACITY);
    cached = Double.NaN;
  }

  /** Returns the relative errors held, oldest first. */
  synchronized double[] errors() {
    double[] out = new double[count];
    for (int i = 0; i < count; i++) {
      out[i] = ring[(next - count + i + CAPACITY) % CAPACITY];
    }
    return out;
  }

  /** Returns the margin to allow for. */
  synchronized double margin() {
    if (count < MIN_SAMPLES) {
      return prior;
    }
    if (Double.isNaN(cached)) {
      double[] sorted = Arrays.copyOf(ring, count);
      Arrays.sort(sorted);
      double p95 = sorted[Math.max(0, (int) Math.ceil(0.95 * count) - 1)];
      cached = Math.max(MIN_MARGIN, Math.min(MAX_MARGIN, p95));
    }
    return cached;
  }
}
