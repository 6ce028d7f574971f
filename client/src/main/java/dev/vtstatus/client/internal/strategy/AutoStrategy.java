package dev.vtstatus.client.internal.strategy;

import dev.vtstatus.client.WaitStrategy;

/** Chooses by the server's capabilities: events, else long poll, else adaptive polling. Stateless. */
public final class AutoStrategy implements WaitStrategy {
  /** The only instance. */
  public static final AutoStrategy INSTANCE = new AutoStrategy();

  private AutoStrategy() {}

  @Override
  public String name() {
    return "auto";
  }

  @Override
  public String toString() {
    return name();
  }
}
