package dev.vtstatus.cli;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.Spec;

/**
 * The {@code vtstatus} command: runs the simulating server, a demo of the client, one-off job
 * commands and the benchmarks.
 *
 * <pre>{@code
 * ./vtstatus demo
 * ./vtstatus server --min-delay 1s --max-delay 4s
 * ./vtstatus submit --wait
 * }</pre>
 *
 * <p>Build a fresh {@link CommandLine} per run with {@link #newCommandLine()}; it is not
 * thread-safe.
 */
@Command(
    name = "vtstatus",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Video translation job status: a simulating server and a client that waits for jobs cheaply"
          + " and promptly.",
      ""
    },
    footer = {
      "",
      "Run 'vtstatus help COMMAND' or 'vtstatus COMMAND --help' for the options of a command;"
          + " 'source <(vtstatus generate-completion)' completes commands and options in bash or zsh.",
      "",
      "Exit codes: 0 done (job completed), 1 job error or canceled, 2 usage error,"
          + " 3 server unreachable or refused, 4 job still pending at the deadline."
    })
public final class Main implements Callable<Integer> {
  /** The name of the mixin whose options every subcommand inherits: {@code --verbose}, {@code --log-format}. */
  static final String COMMON_OPTIONS = "common";

  @Spec CommandSpec spec;

  @Mixin(name = COMMON_OPTIONS) CommonOptions common = new CommonOptions();

  /** Creates the top-level command; see {@link #newCommandLine()}. */
  public Main() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the command-line arguments
   */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /**
   * Returns a ready {@link CommandLine}: every subcommand, the duration converter for every duration
   * option, and the error handlers that turn failures into one-line messages and exit codes. Tests
   * set their own output writers on it with {@code setOut} / {@code setErr}.
   */
  public static CommandLine newCommandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    for (Object subcommand : subcommands()) {
      CommandLine sub = new CommandLine(subcommand);
      sub.getCommandSpec().versionProvider(new VersionProvider());
      commandLine.addSubcommand(sub);
    }
    // picocli hides its completion command by default; it is part of what this command offers.
    commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    // Registered after the subcommands so that every one of them gets it.
    commandLine.registerConverter(Duration.class, new DurationConverter());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    ErrorHandler errors = new ErrorHandler();
    commandLine.setParameterExceptionHandler(errors);
    commandLine.setExecutionExceptionHandler(errors);
    commandLine.setExecutionStrategy(Main::executeWithLogging);
    return commandLine;
  }

  private static List<Object> subcommands() {
    return List.of(
        ServerCommand.commandSpec(),
        new DemoCommand(),
        new SubmitCommand(),
        new StatusCommand(),
        new WaitCommand(),
        new AdminCommand(),
        new BenchCommand(),
        new HelpCommand(),
        new GenerateCompletion());
  }

  /** Without a subcommand there is nothing to do: show what there is. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  /** Returns the common options of a run, wherever on the command line they were given. */
  static CommonOptions commonOptions(CommandLine commandLine) {
    CommandLine top = commandLine;
    while (top.getParent() != null) {
      top = top.getParent();
    }
    CommandSpec mixin = top.getCommandSpec().mixins().get(COMMON_OPTIONS);
    return mixin == null ? null : (CommonOptions) mixin.userObject();
  }

  private static int executeWithLogging(ParseResult parseResult) {
    List<CommandLine> chain = parseResult.asCommandLineList();
    CommandLine leaf = chain.get(chain.size() - 1);
    CommonOptions common = commonOptions(leaf);
    if (common != null) {
      Level level = leaf.getCommand() instanceof LogsProgress ? Level.INFO : Level.WARN;
      Logging.configure(common.logFormat, level, common.verbose);
    }
    return new RunLast().execute(parseResult);
  }
}
