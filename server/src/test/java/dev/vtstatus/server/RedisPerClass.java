package dev.vtstatus.server;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Redis for the tests of a class: started before the first test, emptied before each
 * test, stopped after the last. Register it as a static field:
 * {@code @RegisterExtension static final RedisPerClass REDIS = new RedisPerClass();}
 */
final class RedisPerClass implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  private EmbeddedRedis redis;

  /** Returns the running Redis; valid from the class's first test to its last. */
  EmbeddedRedis get() {
    if (redis == null) {
      throw new IllegalStateException("Redis is started before the class's first test");
    }
    return redis;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    redis = EmbeddedRedis.start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    redis.flush();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    redis.close();
    redis = null;
  }
}
