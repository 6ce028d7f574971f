package dev.vtstatus.client.internal.strategy;

/** Waits on the client's one server-sent-events stream. Stateless. */
public final class EventsStrategy extends BuiltInStrategy {
  /** The only instance. */
  public static final EventsStrategy INSTANCE = new EventsStrategy();

  private EventsStrategy() {}

  @Override
  public String name() {
    return "events";
  }

  /** The event stream, else long polls as long as the server allows, else adaptive polling. */
  @Override
  public ChannelPlan channelPlan() {
    return new ChannelPlan(true, true, null, AdaptiveStrategy.defaults());
  }
}
