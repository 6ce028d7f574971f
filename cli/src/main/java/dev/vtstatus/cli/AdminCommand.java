package dev.vtstatus.cli;

import dev.vtstatus.client.AdminClient;
import dev.vtstatus.client.AuthenticationException;
import dev.vtstatus.protocol.Faults;
import dev.vtstatus.protocol.JobStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vtstatus admin ...}: controls a running server through its admin routes, printing each
 * answer as JSON. Exit codes as for the other commands: 0 done, 2 usage, 3 the server could not be
 * reached or refused (wrong admin key, unknown job, a job that had already ended). Not thread-safe.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Controls a running server: ends jobs now, changes faults, lists jobs, resets.", ""},
    subcommands = {
      AdminCommand.Jobs.class,
      AdminCommand.Complete.class,
      AdminCommand.Fail.class,
      AdminCommand.FaultsCommand.class,
      AdminCommand.Stats.class,
      AdminCommand.Reset.class
    })
final class AdminCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do: show what there is. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  /** Where the server is and the admin key, shared by every admin subcommand. */
  static final class AdminOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${VTSTATUS_URL:-http://127.0.0.1:5000}",
        description = "Base URL of the server (env VTSTATUS_URL, default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--admin-key", paramLabel = "KEY", defaultValue = "${VTSTATUS_ADMIN_KEY}",
        description = "The server's admin key, sent as X-Api-Key (env VTSTATUS_ADMIN_KEY).")
    String adminKey;

    /** Runs {@code call} with an admin client for the server and prints its answer as JSON. */
    int print(Function<AdminClient, Object> call) {
      AdminClient.Builder builder = AdminClient.builder().baseUrl(ConnectionOptions.reachable(mixee, url));
      if (adminKey != null && !adminKey.isBlank()) {
        builder.adminKey(adminKey);
      }
      try (AdminClient admin = builder.build()) {
        Object answer = call.apply(admin);
        PrintWriter out = mixee.commandLine().getOut();
        out.println(Formats.prettyJson(answer));
        out.flush();
        return ExitCode.OK;
      } catch (AuthenticationException e) {
        throw new CliFailure(url + " refused the admin key (HTTP " + e.statusCode() + "); pass the"
            + " server's --admin-key with --admin-key or VTSTATUS_ADMIN_KEY", ExitCode.SERVER, e);
      }
    }
  }

  /** Base of the subcommands: they talk to the server named by their options. */
  abstract static class Sub implements Callable<Integer>, TalksToServer {
    @Mixin AdminOptions options;

    @Override
    public String serverUrl() {
      return options.url;
    }
  }

  @Command(name = "jobs", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Lists the jobs the server holds, newest first, as JSON.")
  static final class Jobs extends Sub {
    @Option(names = "--status", paramLabel = "STATUS",
        description = "Only jobs in this status: ${COMPLETION-CANDIDATES}.")
    JobStatus status;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
        description = "At most this many jobs, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      return options.print(admin -> Map.of("jobs", admin.jobs(status, limit)));
    }
  }

  @Command(name = "complete", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Ends a pending job now as completed and prints it.")
  static final class Complete extends Sub {
    @Parameters(paramLabel = "ID", description = "The job's id.")
    String jobId;

    @Override
    public Integer call() {
      return options.print(admin -> admin.completeNow(jobId));
    }
  }

  @Command(name = "fail", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Ends a pending job now as error and prints it.")
  static final class Fail extends Sub {
    @Parameters(paramLabel = "ID", description = "The job's id.")
    String jobId;

    @Option(names = "--code", paramLabel = "CODE", description = "The error code (default: translation_failed).")
    String code;

    @Option(names = "--message", paramLabel = "TEXT",
        description = "The error message (default: the simulated translation failed).")
    String message;

    @Override
    public Integer call() {
      return options.print(admin -> code == null && message == null
          ? admin.failNow(jobId)
          : admin.failNow(jobId, code, message));
    }
  }

  @Command(name = "faults", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Prints the faults in force; with options, changes them first.",
          "Options left out keep their value; --rate-limit 0 turns the limit off."})
  static final class FaultsCommand extends Sub {
    @Option(names = "--fault-rate", paramLabel = "SHARE", description = "Share of requests answered 503.")
    Double faultRate;

    @Option(names = "--fault-latency", paramLabel = "DURATION", description = "Latency added to every request.")
    Duration faultLatency;

    @Option(names = "--drop-rate", paramLabel = "SHARE", description = "Share of connections closed without an answer.")
    Double dropRate;

    @Option(names = "--rate-limit", paramLabel = "PER_SECOND", description = "Requests per second before 429; 0 for none.")
    Double rateLimit;

    @Override
    public Integer call() {
      return options.print(admin -> {
        if (faultRate == null && faultLatency == null && dropRate == null && rateLimit == null) {
          return admin.faults();
        }
        Faults now = admin.faults();
        return admin.setFaults(new Faults(
            faultRate != null ? faultRate : now.faultRate(),
            faultLatency != null ? faultLatency : now.faultLatency(),
            dropRate != null ? dropRate : now.dropRate(),
            rateLimit != null ? rateLimit : now.rateLimit()));
      });
    }
  }

  @Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Prints the server's counters since start or the last reset.")
  static final class Stats extends Sub {
    @Override
    public Integer call() {
      return options.print(AdminClient::stats);
    }
  }

  @Command(name = "reset", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Forgets every client job and puts the configured faults back.")
  static final class Reset extends Sub {
    @Override
    public Integer call() {
      return options.print(admin -> {
        admin.reset();
        return Map.of("reset", true);
      });
    }
  }
}
