package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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
  void unknownStrategyIsAUsageErrorNamingTheKnownOnes() {
    // Given / When a misspelt strategy
    CliRun run = CliRun.run("bench", "--strategies", "nope");
    // Then it is a usage error, before any server starts, that says what would have worked
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("unknown strategy 'nope'", "fixed:1s", "long-poll");
  }

  @Test
  void everyDurationOptionOfEveryCommandReadsDurationsWithTheOneConverter() {
    // Given every duration option of every command, and a value only the one converter reads
    List<String> checked = new ArrayList<>();
    for (String command : Main.newCommandLine().getSubcommands().keySet()) {
      CommandLine fresh = Main.newCommandLine();
      CommandSpec spec = fresh.getSubcommands().get(command).getCommandSpec();
      for (OptionSpec option : spec.options()) {
        if (option.type() != Duration.class) {
          continue;
        }
        List<String> args = new ArrayList<>(List.of(command, option.longestName(), "1m30s"));
        spec.positionalParameters().forEach(p -> args.add("some-id"));

        // When the command line is parsed
        OptionSpec parsed = Main.newCommandLine().parseArgs(args.toArray(String[]::new))
            .subcommand().matchedOption(option.longestName());

        // Then it reads 90 s
        assertThat((Duration) parsed.getValue()).as(command + " " + option.longestName())
            .isEqualTo(Duration.ofSeconds(90));
        checked.add(command + " " + option.longestName());
      }
    }
    assertThat(checked).contains("server --max-delay", "bench --max-delay", "wait --timeout");
  }
}
