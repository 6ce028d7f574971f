package dev.vtstatus.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The base of the protocol and lifecycle suites: each test runs once on the in-memory store and
 * once on a real Redis, so that both stores keep the same contract. One Redis per test class,
 * started when first needed, emptied before each test and stopped after the class.
 */
@ParameterizedClass(name = "{0} store")
@EnumSource(AcrossStores.Kind.class)
abstract class AcrossStores {
  /** The stores the suites run on. */
  enum Kind {
    MEMORY,
    REDIS
  }

  private static EmbeddedRedis redis;

  @Parameter
  Kind store;

  @BeforeEach
  void emptyTheStore() {
    if (store == Kind.REDIS) {
      redis().flush();
    }
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
      redis = null;
    }
  }

  private static synchronized EmbeddedRedis redis() {
    if (redis == null) {
      redis = EmbeddedRedis.start();
    }
    return redis;
  }

  /** Returns {@code config} on this run's store. */
  ServerConfig.Builder onStore(ServerConfig.Builder config) {
    return store == Kind.REDIS ? config.store(redis().url()) : config;
  }

  /** Runs {@code test} against a server built from {@code config} on this run's store. */
  void test(ServerConfig.Builder config, ServerTesting.ServerTest test) throws Exception {
    ServerTesting.test(onStore(config), test);
  }

  /** Runs {@code test} against a server with {@link ServerTesting#fastConfig()} on this run's store. */
  void test(ServerTesting.ServerTest test) throws Exception {
    test(ServerTesting.fastConfig(), test);
  }
}
