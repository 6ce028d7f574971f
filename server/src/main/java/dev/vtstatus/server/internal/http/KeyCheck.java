package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Protocol;
import dev.vtstatus.server.ServerConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks the API or admin key a request's {@link Policy} asks for, and names the request's tenant
 * and the owner of the jobs it creates. Thread-safe.
 */
final class KeyCheck implements Handler<RoutingContext> {
  /** Routing-context key of the request's tenant, see {@link #tenant}. */
  static final String TENANT_KEY = "vtstatus.tenant";
  /** Routing-context key of the owner of the jobs the request creates, see {@link #owner}. */
  static final String OWNER_KEY = "vtstatus.owner";

  private final ApiKeys keys;

  KeyCheck(ServerConfig config) {
    this.keys = new ApiKeys(config);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Policy.Access access = RequestIntake.policy(ctx).access();
    if (access == Policy.Access.OPEN) {
      ctx.next();
      return;
    }
    String key = ctx.request().getHeader(Protocol.API_KEY_HEADER);
    ProblemException refusal = keys.refusal(access == Policy.Access.ADMIN_KEY, key);
    if (refusal != null) {
      ctx.fail(refusal);
      return;
    }
    String tenant = keys.tenant(key);
    if (tenant != null) {
      ctx.put(TENANT_KEY, tenant);
    }
    String owner = keys.owner(key);
    if (owner != null) {
      ctx.put(OWNER_KEY, owner);
    }
    ctx.next();
  }

  /**
   * Returns the tenant of the request: the owner of the jobs it creates and the only owner whose
   * jobs it sees; null when no API keys are configured or for the admin key, which see every job.
   */
  static String tenant(RoutingContext ctx) {
    return ctx.get(TENANT_KEY);
  }

  /** Returns the owner of the jobs the request creates: its tenant, or the admin's; null without keys. */
  static String owner(RoutingContext ctx) {
    return ctx.get(OWNER_KEY);
  }
}
