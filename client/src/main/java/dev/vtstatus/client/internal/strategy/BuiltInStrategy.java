package dev.vtstatus.client.internal.strategy;

import dev.vtstatus.client.WaitStrategy;

/**
 * A strategy made by one of {@link WaitStrategy}'s factories: it says which channels its waits use,
 * so the client never tells strategies apart by their class. Subclasses are immutable unless they
 * say otherwise.
 */
public abstract class BuiltInStrategy implements WaitStrategy {

  /** Only this package's strategies extend it. */
  BuiltInStrategy() {}

  /**
   * Returns the channels one client's waits use with this strategy, with a polling schedule of that
   * client's own (so what one client learns stays with it). Each call makes a new plan.
   */
  public abstract ChannelPlan channelPlan();

  @Override
  public String toString() {
    return name();
  }
}
