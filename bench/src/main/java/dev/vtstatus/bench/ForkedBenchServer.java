package dev.vtstatus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link BenchServerMain} in a child JVM on this JVM's class path, driven over its standard input
 * and output: the server's own counters without sharing this process's file descriptors. Used by
 * one benchmark thread.
 */
final class ForkedBenchServer implements BenchServer {

  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final URI url;

  private ForkedBenchServer(Process process, BufferedReader out, Writer in, URI url) {
    this.process = process;
    this.out = out;
    this.in = in;
    this.url = url;
  }

  /**
   * Starts the child JVM with {@code config}'s seed and delays and waits until it listens.
   *
   * @throws IllegalStateException when it exits or prints something unexpected instead
   */
  static ForkedBenchServer start(BenchConfig config) {
    return start(List.of(), List.of(
        "--seed", Long.toString(config.seed()),
        "--min-delay", config.minDelay().toMillis() + "ms",
        "--max-delay", config.maxDelay().toMillis() + "ms",
        "--error-probability", Double.toString(config.errorProbability()),
        "--max-jobs", Integer.toString(Math.max(100_000, config.jobs() * 2))),
        ProcessBuilder.Redirect.DISCARD);
  }

  /**
   * Starts the child JVM with {@code jvmOptions} (e.g. {@code -Xmx256m}) and the {@link
   * BenchServerMain} arguments {@code args}, its standard error going to {@code log}, and waits
   * until it listens.
   *
   * @throws IllegalStateException when it exits or prints something unexpected instead
   */
  static ForkedBenchServer start(List<String> jvmOptions, List<String> args, ProcessBuilder.Redirect log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-D" + BenchServerMain.LOGBACK_PROPERTY + "=" + BenchServerMain.LOGBACK_CONFIG);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BenchServerMain.class.getName());
    command.add("--control");
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).redirectError(log).start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("listening ")) {
          return new ForkedBenchServer(process, out, in, URI.create(line.substring(10).trim()));
        }
      }
      process.destroy();
      throw new IllegalStateException(
          "the server JVM exited before listening (exit " + process.waitFor() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the server JVM", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the server JVM", e);
    }
  }

  @Override
  public URI url() {
    return url;
  }

  @Override
  public String kind() {
    return "forked";
  }

  @Override
  public synchronized OptionalLong statusRequests() {
    try {
      in.write("stats\n");
      in.flush();
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("stats ")) {
          return OptionalLong.of(Long.parseLong(line.split(" ")[1]));
        }
      }
      return OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** Returns the child JVM's process id. */
  long pid() {
    return process.pid();
  }

  /** Returns whether the child JVM is still running. */
  boolean alive() {
    return process.isAlive();
  }

  /**
   * Returns the child's heap in use right after its largest and its latest garbage collection, in
   * bytes ({@code [peak, latest]}, -1 before the first), or null when it cannot be asked.
   */
  synchronized long[] heapAfterGc() {
    try {
      in.write("memory\n");
      in.flush();
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("memory ")) {
          String[] parts = line.split(" ");
          return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public String countSource() {
    return "server";
  }

  @Override
  public Predicate<String> serverThread() {
    return name -> false;
  }

  @Override
  public synchronized void close() {
    try {
      in.write("stop\n");
      in.flush();
      in.close();
    } catch (IOException e) {
      // Already gone: nothing to stop.
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
