package dev.vtstatus.server;

import dev.vtstatus.protocol.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One setting of a {@link ServerConfig} as a person gives it: its flag, its environment variable,
 * its default, what it means, and how its text is read and set. {@link #all()} is the one table of
 * them that the {@code vtstatus server} command, its README table and the benchmark's server read;
 * the {@link ServerConfig.Builder} takes its defaults from it.
 *
 * <p>Errors name the flag: {@link #set} and {@link #parse} throw {@link IllegalArgumentException}s
 * whose message starts with it ({@code --error-probability must be between 0 and 1, was 1.5}).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * ServerConfig.Builder builder = ServerConfig.builder();
 * ServerOption.byFlag("--max-delay").orElseThrow().setText(builder, "2s");
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class ServerOption<T> {
  private static final List<ServerOption<?>> ALL = List.of(
      new ServerOption<>("port", "PORT", "5000", null, Integer.class, Integer::valueOf, ServerConfig.Builder::port,
          "port to listen on; 0 picks a free one"),
      new ServerOption<>("host", "HOST", "127.0.0.1", null, String.class, s -> s, ServerConfig.Builder::host,
          "address to bind"),
      new ServerOption<>("minDelay", "DURATION", "5s", null, Duration.class, Durations::parse,
          ServerConfig.Builder::minDelay, "shortest simulated job"),
      new ServerOption<>("maxDelay", "DURATION", "10s", null, Duration.class, Durations::parse,
          ServerConfig.Builder::maxDelay, "longest simulated job"),
      new ServerOption<>("errorProbability", "0..1", "0.1", null, Double.class, Double::valueOf,
          ServerConfig.Builder::errorProbability, "chance that a job ends in error"),
      new ServerOption<>("seed", "SEED", null, "random", Long.class, Long::valueOf, ServerConfig.Builder::seed,
          "seed of the random source, for repeatable runs"),
      new ServerOption<>("estimateNoise", "0..1", "0.3", null, Double.class, Double::valueOf,
          ServerConfig.Builder::estimateNoise, "how far off estimates may be, as a share of the time left"),
      new ServerOption<>("maxWait", "DURATION", "60s", null, Duration.class, Durations::parse,
          ServerConfig.Builder::maxWait, "longest long poll held"),
      new ServerOption<>("apiKeys", "--api-key", "KEY", null, "none", Keys.class, Keys::parse,
          (b, keys) -> b.apiKeys(new LinkedHashSet<>(keys.values())), "accepted X-Api-Key values; a job belongs to the key that created"
          + " it; none means no key needed and every job is visible"),
      new ServerOption<>("adminKey", "KEY", null, "none", String.class, s -> s,
          (b, key) -> b.adminKey(key.isEmpty() ? null : key), "X-Api-Key the admin routes (/admin/*) need;"
          + " without it they are open when no API key is set, off when one is; it sees every key's jobs"),
      new ServerOption<>("webhookSecret", "whsec_...", null, "generated, printed at start", String.class, s -> s,
          ServerConfig.Builder::webhookSecret, "secret (whsec_...) that webhooks are signed with"),
      new ServerOption<>("faultRate", "0..1", "0", null, Double.class, Double::valueOf,
          ServerConfig.Builder::faultRate, "share of requests answered 503 with Retry-After"),
      new ServerOption<>("faultLatency", "DURATION", "0ms", null, Duration.class, Durations::parse,
          ServerConfig.Builder::faultLatency, "latency added to every request"),
      new ServerOption<>("dropRate", "0..1", "0", null, Double.class, Double::valueOf,
          ServerConfig.Builder::dropRate, "share of connections closed without an answer"),
      new ServerOption<>("rateLimit", "PER_SECOND", "0", null, Double.class, Double::valueOf,
          ServerConfig.Builder::rateLimit, "requests per second before 429 with Retry-After"),
      new ServerOption<>("maxJobs", "N", "100000", null, Integer.class, Integer::valueOf,
          ServerConfig.Builder::maxJobs, "jobs retained; the oldest finished ones are evicted first; with API"
          + " keys, each key may hold max-jobs / keys pending jobs"),
      new ServerOption<>("eventBufferSize", "--event-buffer", "EVENTS", "10000", null,
          Integer.class, Integer::valueOf, ServerConfig.Builder::eventBufferSize,
          "events kept for Last-Event-ID replay"),
      new ServerOption<>("maxBodySize", "BYTES", "65536", null, Integer.class, Integer::valueOf,
          ServerConfig.Builder::maxBodySize, "largest request body, in bytes"),
      new ServerOption<>("heartbeat", "DURATION", "15s", null, Duration.class, Durations::parse,
          ServerConfig.Builder::heartbeat, "keep-alive comment interval on event streams"),
      new ServerOption<>("seedProtocolOnly", null, "false", null, Boolean.class, Boolean::valueOf,
          ServerConfig.Builder::seedProtocolOnly, "serve only the seed routes, as the original server did"),
      new ServerOption<>("headerTimeout", "DURATION", "10s", null, Duration.class, Durations::parse,
          ServerConfig.Builder::headerTimeout, "longest a request's headers may take before 408 and close"),
      new ServerOption<>("maxConnections", "N", null, "3/4 of the open-file limit", Integer.class, Integer::valueOf,
          ServerConfig.Builder::maxConnections, "connections open at once; more are closed, with a log line"),
      new ServerOption<>("webhookTimeout", "DURATION", "10s", null, Duration.class, Durations::parse,
          ServerConfig.Builder::webhookTimeout, "longest one webhook attempt, connect to last byte"),
      new ServerOption<>("allowPrivateCallbacks", null, "false", null, Boolean.class, Boolean::valueOf,
          ServerConfig.Builder::allowPrivateCallbacks,
          "accept private/loopback callback_url hosts on a non-loopback bind"),
      new ServerOption<>("maxSimulatedDuration", "DURATION", "24h", null, Duration.class, Durations::parse,
          ServerConfig.Builder::maxSimulatedDuration, "longest simulate.duration_ms"),
      new ServerOption<>("store", "memory|redis://HOST:PORT[/DB]", ServerConfig.MEMORY_STORE, null, String.class,
          s -> s, ServerConfig.Builder::store, "where state is kept: memory, or redis://HOST:PORT[/DB], shared by"
          + " every server on that Redis (see docs/SCALING.md)"),
      new ServerOption<>("memoryBudget", "BYTES", null, "a quarter of the maximum heap", Long.class, Long::valueOf,
          ServerConfig.Builder::memoryBudget, "bytes of retained jobs, kept events and idempotency records;"
          + " on a Redis store, counted in Redis for every replica on it together"));

  /** Several comma-separated values, such as API keys. */
  public record Keys(List<String> values) {
    /** Copies the values. */
    public Keys {
      values = List.copyOf(values);
    }

    /** Reads comma-separated values, skipping blank ones. */
    public static Keys parse(String text) {
      return new Keys(Arrays.stream(text.split(",")).filter(v -> !v.isBlank()).toList());
    }
  }

  private final String field;
  private final String flag;
  private final String environment;
  private final String paramLabel;
  private final String defaultValue;
  private final String defaultText;
  private final Class<T> type;
  private final Function<String, T> parser;
  private final BiConsumer<ServerConfig.Builder, T> setter;
  private final String description;

  private ServerOption(String field, String paramLabel, String defaultValue, String defaultText, Class<T> type,
      Function<String, T> parser, BiConsumer<ServerConfig.Builder, T> setter, String description) {
    this(field, "--" + field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT), paramLabel, defaultValue,
        defaultText, type, parser, setter, description);
  }

  private ServerOption(String field, String flag, String paramLabel, String defaultValue, String defaultText,
      Class<T> type, Function<String, T> parser, BiConsumer<ServerConfig.Builder, T> setter, String description) {
    this.field = field;
    this.flag = flag;
    this.environment = "VTSTATUS_" + flag.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
    this.paramLabel = paramLabel;
    this.defaultValue = defaultValue;
    this.defaultText = defaultText;
    this.type = type;
    this.parser = parser;
    this.setter = setter;
    this.description = description;
  }

  /** Returns every option, in the order {@code --help} and the README list them. */
  public static List<ServerOption<?>> all() {
    return ALL;
  }

  /** Returns the option with {@code flag} (such as {@code --max-delay}), if there is one. */
  public static Optional<ServerOption<?>> byFlag(String flag) {
    return ALL.stream().filter(option -> option.flag.equals(flag)).findFirst();
  }

  /**
   * Returns {@code message} with the builder name it starts with ({@code maxDelay ...}) replaced by
   * that option's flag ({@code --max-delay ...}); any other message unchanged.
   */
  public static String withFlag(String message) {
    if (message == null) {
      return "invalid server option";
    }
    for (ServerOption<?> option : ALL) {
      if (message.startsWith(option.field + " ")) {
        return option.flag + message.substring(option.field.length());
      }
    }
    return message;
  }

  /** Returns the flag, such as {@code --max-delay}. */
  public String flag() {
    return flag;
  }

  /** Returns the environment variable that sets it when the flag is not given, such as {@code VTSTATUS_MAX_DELAY}. */
  public String environment() {
    return environment;
  }

  /** Returns the name of its value in {@code --help}, such as {@code DURATION}; null for an on/off flag. */
  public String paramLabel() {
    return paramLabel;
  }

  /** Returns the default as it is typed, such as {@code 10s}; null when it is computed at start or there is none. */
  public String defaultValue() {
    return defaultValue;
  }

  /** Returns the default as people read it: {@code off} for a flag, the typed default, or what is done without one. */
  public String defaultText() {
    if (type == Boolean.class) {
      return "off";
    }
    return defaultValue != null ? defaultValue : defaultText;
  }

  /** Returns what the option means, in one line. */
  public String description() {
    return description;
  }

  /** Returns the type of its value: {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code Duration}, {@code String} or {@link Keys}. */
  public Class<T> type() {
    return type;
  }

  /** Returns whether it takes no value (on when given). */
  public boolean isFlag() {
    return type == Boolean.class;
  }

  /**
   * Reads a value from its text.
   *
   * @throws IllegalArgumentException naming the flag and the text
   */
  public T parse(String text) {
    try {
      return parser.apply(text.trim());
    } catch (NumberFormatException bad) {
      throw new IllegalArgumentException(flag + ": '" + text + "' is not a number", bad);
    } catch (IllegalArgumentException bad) {
      throw new IllegalArgumentException(flag + ": " + bad.getMessage(), bad);
    }
  }

  /**
   * Sets {@code value} on {@code builder}.
   *
   * @throws IllegalArgumentException naming the flag when the builder rejects the value
   */
  public void set(ServerConfig.Builder builder, T value) {
    try {
      setter.accept(builder, value);
    } catch (IllegalArgumentException bad) {
      String message = withFlag(bad.getMessage());
      throw new IllegalArgumentException(message.startsWith(flag) ? message : flag + ": " + message, bad);
    }
  }

  /** Reads {@code text} and sets it on {@code builder}; see {@link #parse} and {@link #set}. */
  public void setText(ServerConfig.Builder builder, String text) {
    set(builder, parse(text));
  }

  /** Sets every default that is typed as text on {@code builder}. */
  static void setDefaults(ServerConfig.Builder builder) {
    for (ServerOption<?> option : ALL) {
      if (option.defaultValue != null) {
        option.setText(builder, option.defaultValue);
      }
    }
  }

  @Override
  public String toString() {
    return flag;
  }
}
