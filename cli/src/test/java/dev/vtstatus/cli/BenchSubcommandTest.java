package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.bench.DurationConverter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vtstatus bench} is reachable through the command and reports like the others. */
class BenchSubcommandTest {
  @TempDir Path dir;

  @Test
  void runsASmallBenchmarkAndWritesItsResults() {
    // Given a tiny run: one strategy, five short jobs
    // When
    CliRun run = CliRun.run("bench", "--jobs", "5", "--strategies", "hinted", "--min-delay", "50ms",
        "--max-delay", "100ms", "--no-seed-protocol", "--out", dir.toString());
    // Then
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("| hinted | 5 |");
    assertThat(dir.resolve("results.json")).isNotEmptyFile();
  }

  @Test
  void badDurationIsAOneLineUsageErrorWordedLikeEveryOtherCommand() {
    // Given / When
    CliRun run = CliRun.run("bench", "--max-delay", "5x");
    // Then the one duration converter of the command answered
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--max-delay", "'5x' is not a duration; " + DurationConverter.EXPECTED,
        "vtstatus bench --help");
  }

  @Test
  void everyDurationOptionOfEveryCommandUsesTheOneConverter() {
    // Given / When / Then
    Main.newCommandLine().getSubcommands().values().forEach(sub ->
        sub.getCommandSpec().options().stream()
            .filter(option -> option.type() == java.time.Duration.class)
            .forEach(option -> assertThat(option.converters())
                .as(sub.getCommandName() + " " + option.longestName())
                .allMatch(c -> c instanceof DurationConverter)));
  }
}
