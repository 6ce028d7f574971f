package dev.vtstatus.client.internal.strategy;

/** Chooses by the server's capabilities: events, else long poll, else adaptive polling. Stateless. */
public final class AutoStrategy extends BuiltInStrategy {
  /** The only instance. */
  public static final AutoStrategy INSTANCE = new AutoStrategy();

  private AutoStrategy() {}

  @Override
  public String name() {
    return "auto";
  }

  /** The event stream, else long polls as long as the server allows, else adaptive polling. */
  @Override
  public ChannelPlan channelPlan() {
    return new ChannelPlan(true, true, null, AdaptiveStrategy.defaults());
  }
}
