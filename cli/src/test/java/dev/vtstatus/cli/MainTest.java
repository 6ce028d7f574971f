package dev.vtstatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.UsageMessageSpec;

class MainTest {

  @Test
  void helpListsEverySubcommand() {
    // Given / When
    CliRun run = CliRun.run("--help");
    // Then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("server", "demo", "submit", "status", "wait", "bench", "help",
        "generate-completion", "Exit codes");
  }

  @Test
  void topLevelHelpShowsEveryCommandsSummarySentenceWhole() {
    // Given the summary of every subcommand (its header, else its first description line), which is
    // all the top-level help shows of it
    CliRun run = CliRun.run("--help");
    String help = run.out().replaceAll("\\s+", " ");
    Main.newCommandLine().getSubcommands().forEach((name, sub) -> {
      UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
      String summary = usage.header().length > 0 ? usage.header()[0] : usage.description()[0];
      // Then it is a whole sentence, and it is there in full (wrapped, not cut)
      assertThat(summary).as(name).endsWith(".");
      assertThat(help).as(name).contains(name + " " + summary.replaceAll("\\s+", " "));
    });
  }

  @Test
  void helpCommandShowsTheOptionsOfTheCommandNamed() {
    // Given / When
    CliRun run = CliRun.run("help", "bench");
    // Then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: vtstatus bench", "--strategies", "VTSTATUS_BENCH_STRATEGIES");
  }

  @Test
  void generateCompletionPrintsAScriptThatCompletesCommandsAndTheirOptions() {
    // Given / When
    CliRun run = CliRun.run("generate-completion");
    // Then a bash/zsh completion script for this command, knowing subcommands and their options
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F _complete_vtstatus", "bench", "--strategies",
        "--min-delay", "generate-completion");
  }

  @Test
  void versionNamesTheProjectVersion() {
    // Given / When
    CliRun run = CliRun.run("--version");
    // Then the version comes from the build (filtered resource), not a constant in the code
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("vtstatus ").contains(VersionProvider.version()).contains("Java");
    assertThat(VersionProvider.version()).isNotEqualTo("unknown").doesNotContain("${");
  }

  @Test
  void withoutASubcommandShowsUsageAndFailsAsUsageError() {
    // Given / When
    CliRun run = CliRun.run();
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("Usage: vtstatus");
  }

  @ParameterizedTest
  @ValueSource(strings = {"server", "demo", "submit", "status", "wait", "bench"})
  void everySubcommandHasHelpAndVersion(String subcommand) {
    // Given / When
    CliRun help = CliRun.run(subcommand, "--help");
    CliRun version = CliRun.run(subcommand, "--version");
    // Then
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Usage: vtstatus " + subcommand, "--verbose", "--log-format");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("vtstatus ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"server", "demo", "submit", "status", "wait", "bench"})
  void helpTextFormatsWithoutPicocliWarnings(String subcommand) {
    // Given picocli reports format problems (such as a bare % in a description) on System.err
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      // When
      CliRun.run(subcommand, "--help");
    } finally {
      System.setErr(original);
    }
    // Then
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "submit", "wait"})
  void waitingSubcommandsTakeStrategyAndTimeout(String subcommand) {
    // Given / When
    CliRun help = CliRun.run(subcommand, "--help");
    // Then every strategy name is offered
    assertThat(help.out()).contains("--strategy", "--timeout");
    assertThat(help.out()).contains(StrategyConverter.NAMES);
  }

  @Test
  void unknownOptionIsOneLineUsageErrorWithASuggestion() {
    // Given / When
    CliRun run = CliRun.run("server", "--max-dely", "5s");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--max-dely", "--max-delay", "vtstatus server --help");
  }

  @Test
  void unknownStrategyIsAUsageErrorListingTheNames() {
    // Given / When
    CliRun run = CliRun.run("wait", "abc", "--strategy", "magic");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("unknown strategy 'magic'", "long-poll", "adaptive");
  }

  @Test
  void badDurationOnAnyCommandSaysWhichFormsWork() {
    // Given / When
    CliRun run = CliRun.run("wait", "abc", "--timeout", "5x");
    // Then
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--timeout", "'5x' is not a duration", "500ms, 5s, 2m");
  }
}
