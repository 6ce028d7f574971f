package dev.vtstatus.client.internal.strategy;

import dev.vtstatus.client.WaitStrategy;

/** Waits on the client's one server-sent-events stream. Stateless. */
public final class EventsStrategy implements WaitStrategy {
  /** The only instance. */
  public static final EventsStrategy INSTANCE = new EventsStrategy();

  private EventsStrategy() {}

  @Override
  public String name() {
    return "events";
  }

  @Override
  public String toString() {
    return name();
  }
}
