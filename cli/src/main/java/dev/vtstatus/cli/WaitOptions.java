package dev.vtstatus.cli;

import dev.vtstatus.client.VideoTranslationClient;
import dev.vtstatus.client.VideoTranslationClientBuilder;
import dev.vtstatus.client.WaitStrategy;
import dev.vtstatus.protocol.Durations;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How to wait: {@code --strategy}, {@code --timeout} and {@code --progress}. Mixed into the commands
 * that wait for jobs. Not thread-safe.
 */
final class WaitOptions {
  @Option(names = "--strategy", paramLabel = "NAME", converter = StrategyConverter.class,
      completionCandidates = StrategyConverter.class, defaultValue = "${VTSTATUS_STRATEGY:-auto}",
      description = "How to wait: ${COMPLETION-CANDIDATES}; fixed, long-poll and exponential take a"
          + " time, e.g. fixed:2s (env VTSTATUS_STRATEGY, default: ${DEFAULT-VALUE}).")
  WaitStrategy strategy;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "${VTSTATUS_TIMEOUT:-5m}",
      description = "Longest wait for a job, e.g. 90s or 5m; a create or read that is not a wait ends"
          + " within it too, and within 30s whatever it is (env VTSTATUS_TIMEOUT, default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      description = "Live progress: auto (redraw on a terminal, plain lines otherwise), ansi, plain"
          + " or none (default: ${DEFAULT-VALUE}).")
  ProgressMode progress;

  /** The longest call that is not a wait may take, whatever {@code --timeout} says. */
  static final Duration LONGEST_CALL = Duration.ofSeconds(30);

  /**
   * Sets {@code builder}'s wait strategy, wait timeout and call timeout (the shorter of {@code
   * --timeout} and {@link #LONGEST_CALL}) from these options, and returns it.
   */
  VideoTranslationClientBuilder applyTo(VideoTranslationClientBuilder builder) {
    return builder.waitStrategy(strategy).timeout(timeout).callTimeout(callTimeout());
  }

  /** Returns the budget of a call that is not a wait: {@code --timeout}, at most 30 s. */
  Duration callTimeout() {
    return Durations.min(timeout, LONGEST_CALL);
  }
}
