package dev.vtstatus.server;

import dev.vtstatus.protocol.Faults;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link JobServer} can be told, validated and immutable, in groups: how it
 * simulates jobs, the faults it injects, its limits, its keys and its webhooks. Build one with
 * {@link #builder()}, whose setters are flat and reject a bad value at once with a message naming
 * it; {@link ServerOption#all()} lists the same settings as flags and environment variables.
 *
 * <p>Defaults follow the seed server: port 5000 on 127.0.0.1, jobs of 5 to 10 s, 10% errors.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder()
 *     .port(0).minDelay(Duration.ofMillis(500)).maxDelay(Duration.ofSeconds(1))
 *     .seed(42L).build();
 * }</pre>
 *
 * @param host the address to bind
 * @param port the port to bind; 0 picks a free one
 * @param simulation how jobs are simulated
 * @param faults the faults injected from the start (changed at run time by {@code PUT /admin/faults})
 * @param limits what the server bounds
 * @param auth the job keys and the admin key
 * @param webhooks how webhooks are sent
 * @param seedProtocolOnly serve only the seed routes, as the original Python server did
 * @param store where jobs, events and webhook deliveries are kept: {@code memory} (this process
 *     only), or {@code redis://HOST:PORT[/DB]}, shared by every replica on that Redis
 * @param clock the clock that job times are read from
 */
public record ServerConfig(
    String host,
    int port,
    SimulationConfig simulation,
    Faults faults,
    LimitsConfig limits,
    AuthConfig auth,
    WebhookConfig webhooks,
    boolean seedProtocolOnly,
    String store,
    Clock clock) {

  /** The {@link #store()} that keeps everything in this process's memory, the default. */
  public static final String MEMORY_STORE = "memory";

  /** Checks every value; see {@link Builder} for the rules. */
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    ConfigChecks.requireRange("port", port, 0, 65_535);
    Objects.requireNonNull(simulation, "simulation");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(webhooks, "webhooks");
    store = StoreUrls.check(store);
    Objects.requireNonNull(clock, "clock");
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this config. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link ServerConfig} from flat settings; the defaults are those of {@link ServerOption}. Not thread-safe. */
  public static final class Builder {
    private String host;
    private int port;
    private Duration minDelay;
    private Duration maxDelay;
    private double errorProbability;
    private Long seed;
    private double estimateNoise;
    private Duration maxSimulatedDuration;
    private double faultRate;
    private Duration faultLatency;
    private double dropRate;
    private double rateLimit;
    private Duration maxWait;
    private int maxJobs;
    private int eventBufferSize;
    private int maxBodySize;
    private Duration heartbeat;
    private Duration headerTimeout;
    private int maxConnections = ConfigChecks.defaultMaxConnections();
    private long memoryBudget = Runtime.getRuntime().maxMemory() / 4;
    private Set<String> apiKeys = Set.of();
    private String adminKey;
    private String webhookSecret;
    private Duration webhookTimeout;
    private boolean allowPrivateCallbacks;
    private boolean seedProtocolOnly;
    private String store;
    private Clock clock = Clock.systemUTC();

    private Builder() {
      ServerOption.setDefaults(this);
    }

    private Builder(ServerConfig c) {
      host = c.host;
      port = c.port;
      SimulationConfig s = c.simulation;
      minDelay = s.minDelay();
      maxDelay = s.maxDelay();
      errorProbability = s.errorProbability();
      seed = s.seed();
      estimateNoise = s.estimateNoise();
      maxSimulatedDuration = s.maxSimulatedDuration();
      faultRate = c.faults.faultRate();
      faultLatency = c.faults.faultLatency();
      dropRate = c.faults.dropRate();
      rateLimit = c.faults.rateLimit() == null ? 0 : c.faults.rateLimit();
      LimitsConfig l = c.limits;
      maxWait = l.maxWait();
      maxJobs = l.maxJobs();
      eventBufferSize = l.eventBufferSize();
      maxBodySize = l.maxBodySize();
      heartbeat = l.heartbeat();
      headerTimeout = l.headerTimeout();
      maxConnections = l.maxConnections();
      memoryBudget = l.memoryBudget();
      apiKeys = c.auth.apiKeys();
      adminKey = c.auth.adminKey();
      webhookSecret = c.webhooks.secret();
      webhookTimeout = c.webhooks.timeout();
      allowPrivateCallbacks = c.webhooks.allowPrivateCallbacks();
      seedProtocolOnly = c.seedProtocolOnly;
      store = c.store;
      clock = c.clock;
    }

    /** Sets the bind address. Default {@code 127.0.0.1}. */
    public Builder host(String value) {
      host = Objects.requireNonNull(value, "host");
      return this;
    }

    /** Sets the port, 0 for a free one. Default 5000. */
    public Builder port(int value) {
      port = (int) ConfigChecks.requireRange("port", value, 0, 65_535);
      return this;
    }

    /** Sets the shortest simulated job duration. Default 5 s. */
    public Builder minDelay(Duration value) {
      minDelay = ConfigChecks.requireNonNegative("minDelay", value);
      return this;
    }

    /** Sets the longest simulated job duration. Default 10 s. */
    public Builder maxDelay(Duration value) {
      maxDelay = ConfigChecks.requireNonNegative("maxDelay", value);
      return this;
    }

    /** Sets the chance that a job ends in error. Default 0.1. */
    public Builder errorProbability(double value) {
      errorProbability = ConfigChecks.requireShare("errorProbability", value);
      return this;
    }

    /** Sets the random seed, so a run is repeatable; null draws one. Default null. */
    public Builder seed(Long value) {
      seed = value;
      return this;
    }

    /** Sets the estimate noise as a fraction of the remaining time. Default 0.3 (±30%). */
    public Builder estimateNoise(double value) {
      estimateNoise = ConfigChecks.requireShare("estimateNoise", value);
      return this;
    }

    /** Sets the longest {@code simulate.duration_ms} a create may ask for. Default 24 h. */
    public Builder maxSimulatedDuration(Duration value) {
      maxSimulatedDuration = ConfigChecks.requireNonNegative("maxSimulatedDuration", value);
      return this;
    }

    /** Sets the share of requests answered 503. Default 0. */
    public Builder faultRate(double value) {
      faultRate = ConfigChecks.requireShare("faultRate", value);
      return this;
    }

    /** Sets the latency added to every request. Default 0. */
    public Builder faultLatency(Duration value) {
      faultLatency = ConfigChecks.requireNonNegative("faultLatency", value);
      return this;
    }

    /** Sets the share of requests whose connection is dropped. Default 0. */
    public Builder dropRate(double value) {
      dropRate = ConfigChecks.requireShare("dropRate", value);
      return this;
    }

    /** Sets the allowed requests per second before 429; 0 means unlimited. Default 0. */
    public Builder rateLimit(double value) {
      rateLimit = ConfigChecks.requireRate("rateLimit", value);
      return this;
    }

    /** Sets the longest long poll. Default 60 s. */
    public Builder maxWait(Duration value) {
      maxWait = ConfigChecks.requireNonNegative("maxWait", value);
      return this;
    }

    /** Sets the most jobs retained. Default 100,000. */
    public Builder maxJobs(int value) {
      maxJobs = (int) ConfigChecks.requireRange("maxJobs", value, 1, Integer.MAX_VALUE);
      return this;
    }

    /** Sets the size of the event replay buffer. Default 10,000. */
    public Builder eventBufferSize(int value) {
      eventBufferSize = (int) ConfigChecks.requireRange("eventBufferSize", value, 1, Integer.MAX_VALUE);
      return this;
    }

    /** Sets the largest accepted body in bytes. Default 64 KiB. */
    public Builder maxBodySize(int value) {
      maxBodySize = (int) ConfigChecks.requireRange("maxBodySize", value, 1, Integer.MAX_VALUE);
      return this;
    }

    /** Sets the event-stream heartbeat interval. Default 15 s. */
    public Builder heartbeat(Duration value) {
      heartbeat = ConfigChecks.requirePositive("heartbeat", value);
      return this;
    }

    /**
     * Sets how long a request's headers may take from their first byte before {@code 408} and close;
     * long polls, streams and idle keep-alive connections are not affected. Default 10 s.
     */
    public Builder headerTimeout(Duration value) {
      headerTimeout = ConfigChecks.requirePositive("headerTimeout", value);
      return this;
    }

    /**
     * Sets the most connections open at once; more are closed on accept, with a log line. Default
     * three quarters of the process's open-file limit, or 10,000 when it cannot be read.
     */
    public Builder maxConnections(int value) {
      maxConnections = (int) ConfigChecks.requireRange("maxConnections", value, 1, Integer.MAX_VALUE);
      return this;
    }

    /**
     * Sets the most bytes retained jobs, kept events (at most a quarter) and idempotency records may
     * take; past it ended jobs are evicted, then creates are {@code 503}. Default a quarter of the heap.
     */
    public Builder memoryBudget(long bytes) {
      memoryBudget = ConfigChecks.requireRange("memoryBudget", bytes, 1, Long.MAX_VALUE);
      return this;
    }

    /** Sets the accepted API keys; empty means none is needed. Default empty. */
    public Builder apiKeys(Set<String> value) {
      apiKeys = ConfigChecks.requireKeys("apiKeys", Set.copyOf(Objects.requireNonNull(value, "apiKeys")));
      return this;
    }

    /**
     * Sets the key the admin routes need, sent as {@code X-Api-Key}; null for none. Default null.
     * With API keys set, the admin routes need it; without any key they are open.
     */
    public Builder adminKey(String value) {
      adminKey = ConfigChecks.requireKey("adminKey", value);
      return this;
    }

    /** Sets the webhook signing secret ({@code whsec_...}); null draws one. Default null. */
    public Builder webhookSecret(String value) {
      webhookSecret = value;
      return this;
    }

    /** Sets how long one webhook attempt may take in all, connecting to the last byte. Default 10 s. */
    public Builder webhookTimeout(Duration value) {
      webhookTimeout = ConfigChecks.requirePositive("webhookTimeout", value);
      return this;
    }

    /**
     * Accepts private and loopback {@code callback_url} addresses even when the server binds a
     * non-loopback address. Link-local and cloud metadata addresses are refused regardless.
     * Default false (they are accepted only while the server binds loopback).
     */
    public Builder allowPrivateCallbacks(boolean value) {
      allowPrivateCallbacks = value;
      return this;
    }

    /** Serves only the seed protocol's routes. Default false. */
    public Builder seedProtocolOnly(boolean value) {
      seedProtocolOnly = value;
      return this;
    }

    /**
     * Sets where state is kept: {@code memory}, or {@code redis://HOST:PORT[/DB]} so that every
     * server started on that Redis acts as one. Default {@code memory}.
     *
     * @throws IllegalArgumentException for any other value, saying what is accepted
     */
    public Builder store(String value) {
      store = StoreUrls.check(value);
      return this;
    }

    /** Sets the clock job times are read from. Default the UTC system clock. */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Returns the config.
     *
     * @throws IllegalArgumentException when the values do not fit together, e.g. min > max delay
     */
    public ServerConfig build() {
      return new ServerConfig(host, port,
          new SimulationConfig(minDelay, maxDelay, errorProbability, seed, estimateNoise, maxSimulatedDuration),
          new Faults(faultRate, faultLatency, dropRate, rateLimit),
          new LimitsConfig(maxWait, maxJobs, eventBufferSize, maxBodySize, heartbeat, headerTimeout, maxConnections,
              memoryBudget),
          new AuthConfig(apiKeys, adminKey), new WebhookConfig(webhookSecret, webhookTimeout, allowPrivateCallbacks),
          seedProtocolOnly, store, clock);
    }
  }
}
