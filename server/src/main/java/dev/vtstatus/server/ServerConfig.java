package dev.vtstatus.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link JobServer} can be told, validated and immutable. Build one with {@link
 * #builder()}; every setter rejects a bad value at once with a message naming it.
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
 * @param minDelay the shortest simulated job duration
 * @param maxDelay the longest simulated job duration
 * @param errorProbability the chance that a job ends in error, 0 to 1
 * @param seed the seed of the random source; null draws one
 * @param estimateNoise how far off each estimate of the remaining time may be, as a fraction of it
 * @param maxWait the longest long poll the server holds
 * @param apiKeys accepted {@code X-Api-Key} values; empty means no key is needed
 * @param adminKey the {@code X-Api-Key} value the admin routes need; null means none (see
 *     docs/PROTOCOL.md: open without API keys, refused with them)
 * @param webhookSecret the {@code whsec_...} secret webhooks are signed with; null draws one
 * @param faultRate the share of requests answered 503 with {@code Retry-After}
 * @param faultLatency latency added to every request
 * @param dropRate the share of requests whose connection is closed without an answer
 * @param rateLimit requests per second allowed before 429; 0 means no limit
 * @param maxJobs the most jobs retained; the oldest terminal ones are evicted first
 * @param eventBufferSize how many events a reconnecting stream client can replay
 * @param maxBodySize the largest request body accepted, in bytes
 * @param heartbeat how often event streams send a comment to keep idle connections open
 * @param seedProtocolOnly serve only the seed routes, as the original Python server did
 * @param headerTimeout how long a request's headers may take to arrive, from their first byte
 * @param maxConnections the most connections open at once; more are closed at once
 * @param webhookTimeout how long one webhook attempt may take, from connecting to the last byte
 * @param allowPrivateCallbacks accept private and loopback {@code callback_url} addresses even when
 *     the server does not bind loopback
 * @param maxSimulatedDuration the longest {@code simulate.duration_ms} a create may ask for
 * @param memoryBudget the most bytes retained jobs, kept events and idempotency records may take
 * @param clock the clock that job times are read from
 * @param store where jobs, events and webhook deliveries are kept: {@code memory} (this process
 *     only), or {@code redis://HOST:PORT[/DB]}, shared by every replica on that Redis
 */
public record ServerConfig(
    String host,
    int port,
    Duration minDelay,
    Duration maxDelay,
    double errorProbability,
    Long seed,
    double estimateNoise,
    Duration maxWait,
    Set<String> apiKeys,
    String adminKey,
    String webhookSecret,
    double faultRate,
    Duration faultLatency,
    double dropRate,
    double rateLimit,
    int maxJobs,
    int eventBufferSize,
    int maxBodySize,
    Duration heartbeat,
    boolean seedProtocolOnly,
    Duration headerTimeout,
    int maxConnections,
    Duration webhookTimeout,
    boolean allowPrivateCallbacks,
    Duration maxSimulatedDuration,
    long memoryBudget,
    Clock clock,
    String store) {

  /** The {@link #store()} that keeps everything in this process's memory, the default. */
  public static final String MEMORY_STORE = "memory";


  /** Checks every value; see {@link Builder} for the rules. */
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    ConfigChecks.requireRange("port", port, 0, 65_535);
    ConfigChecks.requireNonNegative("minDelay", minDelay);
    ConfigChecks.requireNonNegative("maxDelay", maxDelay);
    if (minDelay.compareTo(maxDelay) > 0) {
      throw new IllegalArgumentException(
          "minDelay (" + minDelay + ") must not exceed maxDelay (" + maxDelay + ")");
    }
    ConfigChecks.requireShare("errorProbability", errorProbability);
    ConfigChecks.requireShare("estimateNoise", estimateNoise);
    ConfigChecks.requireNonNegative("maxWait", maxWait);
    apiKeys = Set.copyOf(Objects.requireNonNull(apiKeys, "apiKeys"));
    for (String key : apiKeys) {
      if (key.isBlank()) {
        throw new IllegalArgumentException("apiKeys must not contain a blank key");
      }
    }
    ConfigChecks.requireKey("adminKey", adminKey);
    ConfigChecks.requireShare("faultRate", faultRate);
    ConfigChecks.requireNonNegative("faultLatency", faultLatency);
    ConfigChecks.requireShare("dropRate", dropRate);
    if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
      throw new IllegalArgumentException("rateLimit must be >= 0 requests per second, was " + rateLimit);
    }
    ConfigChecks.requireRange("maxJobs", maxJobs, 1, Integer.MAX_VALUE);
    ConfigChecks.requireRange("eventBufferSize", eventBufferSize, 1, Integer.MAX_VALUE);
    ConfigChecks.requireRange("maxBodySize", maxBodySize, 1, Integer.MAX_VALUE);
    ConfigChecks.requirePositive("heartbeat", heartbeat);
    ConfigChecks.requirePositive("headerTimeout", headerTimeout);
    ConfigChecks.requireRange("maxConnections", maxConnections, 1, Integer.MAX_VALUE);
    ConfigChecks.requirePositive("webhookTimeout", webhookTimeout);
    ConfigChecks.requireNonNegative("maxSimulatedDuration", maxSimulatedDuration);
    ConfigChecks.requireRange("memoryBudget", memoryBudget, 1, Long.MAX_VALUE);
    Objects.requireNonNull(clock, "clock");
    store = StoreUrls.check(store);
  }

  /**
   * Describes the config with its secrets redacted: the API keys appear only as a count, the admin
   * key and the webhook secret as {@code ***}, so that logging a config never leaks a credential.
   */
  @Override
  public String toString() {
    return "ServerConfig[host=" + host + ", port=" + port + ", minDelay=" + minDelay
        + ", maxDelay=" + maxDelay + ", errorProbability=" + errorProbability + ", seed=" + seed
        + ", estimateNoise=" + estimateNoise + ", maxWait=" + maxWait
        + ", apiKeys=[" + apiKeys.size() + (apiKeys.size() == 1 ? " key]" : " keys]")
        + ", adminKey=" + (adminKey == null ? "null" : "***")
        + ", webhookSecret=" + (webhookSecret == null ? "null" : "***")
        + ", faultRate=" + faultRate + ", faultLatency=" + faultLatency + ", dropRate=" + dropRate
        + ", rateLimit=" + rateLimit + ", maxJobs=" + maxJobs + ", eventBufferSize=" + eventBufferSize
        + ", maxBodySize=" + maxBodySize + ", heartbeat=" + heartbeat
        + ", seedProtocolOnly=" + seedProtocolOnly + ", headerTimeout=" + headerTimeout
        + ", maxConnections=" + maxConnections + ", webhookTimeout=" + webhookTimeout
        + ", allowPrivateCallbacks=" + allowPrivateCallbacks + ", maxSimulatedDuration=" + maxSimulatedDuration
        + ", memoryBudget=" + memoryBudget
        + ", clock=" + clock + ", store=" + store + "]";
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this config. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link ServerConfig}. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 5000;
    private Duration minDelay = Duration.ofSeconds(5);
    private Duration maxDelay = Duration.ofSeconds(10);
    private double errorProbability = 0.1;
    private Long seed;
    private double estimateNoise = 0.3;
    private Duration maxWait = Duration.ofSeconds(60);
    private Set<String> apiKeys = Set.of();
    private String adminKey;
    private String webhookSecret;
    private double faultRate;
    private Duration faultLatency = Duration.ZERO;
    private double dropRate;
    private double rateLimit;
    private int maxJobs = 100_000;
    private int eventBufferSize = 10_000;
    private int maxBodySize = 64 * 1024;
    private Duration heartbeat = Duration.ofSeconds(15);
    private boolean seedProtocolOnly;
    private Duration headerTimeout = Duration.ofSeconds(10);
    private int maxConnections = ConfigChecks.defaultMaxConnections();
    private Duration webhookTimeout = Duration.ofSeconds(10);
    private boolean allowPrivateCallbacks;
    private Duration maxSimulatedDuration = Duration.ofDays(1);
    private long memoryBudget = Runtime.getRuntime().maxMemory() / 4;
    private Clock clock = Clock.systemUTC();
    private String store = MEMORY_STORE;

    private Builder() {}

    private Builder(ServerConfig c) {
      host = c.host;
      port = c.port;
      minDelay = c.minDelay;
      maxDelay = c.maxDelay;
      errorProbability = c.errorProbability;
      seed = c.seed;
      estimateNoise = c.estimateNoise;
      maxWait = c.maxWait;
      apiKeys = c.apiKeys;
      adminKey = c.adminKey;
      webhookSecret = c.webhookSecret;
      faultRate = c.faultRate;
      faultLatency = c.faultLatency;
      dropRate = c.dropRate;
      rateLimit = c.rateLimit;
      maxJobs = c.maxJobs;
      eventBufferSize = c.eventBufferSize;
      maxBodySize = c.maxBodySize;
      heartbeat = c.heartbeat;
      seedProtocolOnly = c.seedProtocolOnly;
      headerTimeout = c.headerTimeout;
      maxConnections = c.maxConnections;
      webhookTimeout = c.webhookTimeout;
      allowPrivateCallbacks = c.allowPrivateCallbacks;
      maxSimulatedDuration = c.maxSimulatedDuration;
      memoryBudget = c.memoryBudget;
      clock = c.clock;
      store = c.store;
    }

    /** Sets the bind address. Default {@code 127.0.0.1}. */
    public Builder host(String value) {
      host = Objects.requireNonNull(value, "host");
      return this;
    }

    /** Sets the port, 0 for a free one. Default 5000. */
    public Builder port(int value) {
      ConfigChecks.requireRange("port", value, 0, 65_535);
      port = value;
      return this;
    }

    /** Sets the shortest simulated job duration. Default 5 s. */
    public Builder minDelay(Duration value) {
      ConfigChecks.requireNonNegative("minDelay", value);
      minDelay = value;
      return this;
    }

    /** Sets the longest simulated job duration. Default 10 s. */
    public Builder maxDelay(Duration value) {
      ConfigChecks.requireNonNegative("maxDelay", value);
      maxDelay = value;
      return this;
    }

    /** Sets the chance that a job ends in error. Default 0.1. */
    public Builder errorProbability(double value) {
      ConfigChecks.requireShare("errorProbability", value);
      errorProbability = value;
      return this;
    }

    /** Sets the random seed, so a run is repeatable; null draws one. Default null. */
    public Builder seed(Long value) {
      seed = value;
      return this;
    }

    /** Sets the estimate noise as a fraction of the remaining time. Default 0.3 (±30%). */
    public Builder estimateNoise(double value) {
      ConfigChecks.requireShare("estimateNoise", value);
      estimateNoise = value;
      return this;
    }

    /** Sets the longest long poll. Default 60 s. */
    public Builder maxWait(Duration value) {
      ConfigChecks.requireNonNegative("maxWait", value);
      maxWait = value;
      return this;
    }

    /** Sets the accepted API keys; empty means none is needed. Default empty. */
    public Builder apiKeys(Set<String> value) {
      apiKeys = Set.copyOf(Objects.requireNonNull(value, "apiKeys"));
      return this;
    }

    /**
     * Sets the key the admin routes need, sent as {@code X-Api-Key}; null for none. Default null.
     * With API keys set, the admin routes need it; without any key they are open.
     */
    public Builder adminKey(String value) {
      ConfigChecks.requireKey("adminKey", value);
      adminKey = value;
      return this;
    }

    /** Sets the webhook signing secret ({@code whsec_...}); null draws one. Default null. */
    public Builder webhookSecret(String value) {
      webhookSecret = value;
      return this;
    }

    /** Sets the share of requests answered 503. Default 0. */
    public Builder faultRate(double value) {
      ConfigChecks.requireShare("faultRate", value);
      faultRate = value;
      return this;
    }

    /** Sets the latency added to every request. Default 0. */
    public Builder faultLatency(Duration value) {
      ConfigChecks.requireNonNegative("faultLatency", value);
      faultLatency = value;
      return this;
    }

    /** Sets the share of requests whose connection is dropped. Default 0. */
    public Builder dropRate(double value) {
      ConfigChecks.requireShare("dropRate", value);
      dropRate = value;
      return this;
    }

    /** Sets the allowed requests per second before 429; 0 means unlimited. Default 0. */
    public Builder rateLimit(double value) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("rateLimit must be >= 0 requests per second, was " + value);
      }
      rateLimit = value;
      return this;
    }

    /** Sets the most jobs retained. Default 100,000. */
    public Builder maxJobs(int value) {
      ConfigChecks.requireRange("maxJobs", value, 1, Integer.MAX_VALUE);
      maxJobs = value;
      return this;
    }

    /** Sets the size of the event replay buffer. Default 10,000. */
    public Builder eventBufferSize(int value) {
      ConfigChecks.requireRange("eventBufferSize", value, 1, Integer.MAX_VALUE);
      eventBufferSize = value;
      return this;
    }

    /** Sets the largest accepted body in bytes. Default 64 KiB. */
    public Builder maxBodySize(int value) {
      ConfigChecks.requireRange("maxBodySize", value, 1, Integer.MAX_VALUE);
      maxBodySize = value;
      return this;
    }

    /** Sets the event-stream heartbeat interval. Default 15 s. */
    public Builder heartbeat(Duration value) {
      ConfigChecks.requireNonNegative("heartbeat", value);
      heartbeat = value;
      return this;
    }

    /** Serves only the seed protocol's routes. Default false. */
    public Builder seedProtocolOnly(boolean value) {
      seedProtocolOnly = value;
      return this;
    }

    /**
     * Sets how long a request's headers may take, from their first byte; a connection still
     * without them then gets {@code 408} and is closed. Requests whose headers are in (long polls,
     * streams) and idle keep-alive connections are not affected. Default 10 s.
     */
    public Builder headerTimeout(Duration value) {
      ConfigChecks.requirePositive("headerTimeout", value);
      headerTimeout = value;
      return this;
    }

    /**
     * Sets the most connections open at once; a connection over the cap is closed as soon as it
     * is accepted, with a log line. Default: the process's open-file limit less a quarter of it
     * (kept for files, health checks and webhooks), or 10,000 when the limit cannot be read.
     */
    public Builder maxConnections(int value) {
      ConfigChecks.requireRange("maxConnections", value, 1, Integer.MAX_VALUE);
      maxConnections = value;
      return this;
    }

    /** Sets how long one webhook attempt may take in all, connecting to the last byte. Default 10 s. */
    public Builder webhookTimeout(Duration value) {
      ConfigChecks.requirePositive("webhookTimeout", value);
      webhookTimeout = value;
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

    /** Sets the longest {@code simulate.duration_ms} a create may ask for. Default 24 h. */
    public Builder maxSimulatedDuration(Duration value) {
      ConfigChecks.requireNonNegative("maxSimulatedDuration", value);
      maxSimulatedDuration = value;
      return this;
    }

    /**
     * Sets the most bytes the retained jobs, the kept events and the idempotency records may take
     * together (each estimated from its size; the events get at most a quarter). Past it, the jobs
     * that ended longest ago are evicted first; when only pending jobs are left, creates are
     * {@code 503} with {@code Retry-After}. Default a quarter of the JVM's maximum heap.
     */
    public Builder memoryBudget(long bytes) {
      ConfigChecks.requireRange("memoryBudget", bytes, 1, Long.MAX_VALUE);
      memoryBudget = bytes;
      return this;
    }

    /** Sets the clock job times are read from. Default the UTC system clock. */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
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

    /**
     * Returns the config.
     *
     * @throws IllegalArgumentException when the values do not fit together, e.g. min > max delay
     */
    public ServerConfig build() {
      return new ServerConfig(
          host, port, minDelay, maxDelay, errorProbability, seed, estimateNoise, maxWait, apiKeys,
          adminKey, webhookSecret, faultRate, faultLatency, dropRate, rateLimit, maxJobs, eventBufferSize,
          maxBodySize, heartbeat, seedProtocolOnly, headerTimeout, maxConnections, webhookTimeout,
          allowPrivateCallbacks, maxSimulatedDuration, memoryBudget, clock, store);
    }
  }
}
