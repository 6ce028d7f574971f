package dev.vtstatus.server.internal.http;

import dev.vtstatus.protocol.Route;
import dev.vtstatus.server.ServerStats;

/**
 * What happens to a request before its handler runs: whose key it needs, whether the injected
 * faults and the rate limit apply, and how {@link ServerStats} counts it, as docs/PROTOCOL.md
 * ("access, limits and faults") states for each route. Immutable.
 *
 * @param access whose key the request needs
 * @param faults whether the rate limit and the injected faults apply
 * @param count how the request is counted in {@code requests_served} and the request kinds
 */
record Policy(Access access, boolean faults, Count count) {
  /** Whose key a request needs. */
  enum Access {
    /** No key: health checks, scrapes, discovery and the dashboard always work. */
    OPEN,
    /** A job key or the admin key, when keys are configured. */
    JOB_KEY,
    /** The admin key, under the admin key's rules. */
    ADMIN_KEY
  }

  /** How a request is counted. */
  enum Count {
    /** Not counted: control and monitoring. */
    NONE,
    /** Counted as served, but neither a create nor a status request. */
    SERVED,
    /** A create. */
    CREATE,
    /** A status request. */
    STATUS
  }

  /** Health, metrics, this document and the dashboard: open, never faulted, not counted. */
  static final Policy MONITORING = new Policy(Access.OPEN, false, Count.NONE);
  /** The admin routes: never faulted, so a test can always turn the faults off again. */
  static final Policy ADMIN = new Policy(Access.ADMIN_KEY, false, Count.NONE);
  /** Discovery: open, so a client learns what to send before it has a key, but faulted and counted. */
  static final Policy DISCOVERY = new Policy(Access.OPEN, true, Count.SERVED);
  /** A create. */
  static final Policy CREATE = new Policy(Access.JOB_KEY, true, Count.CREATE);
  /** Any other service request, and every request no route serves. */
  static final Policy SERVICE = new Policy(Access.JOB_KEY, true, Count.STATUS);

  /** Returns the policy of {@code route}. */
  static Policy of(Route route) {
    return switch (route) {
      case HEALTH, METRICS, METRICS_HEAD, DASHBOARD, OPENAPI -> MONITORING;
      case CAPABILITIES -> DISCOVERY;
      case CREATE, SEED_CREATE, SEED_CREATE_JOBS -> CREATE;
      case SEED_STATUS, SEED_STATUS_BY_QUERY, BATCH, JOB, CANCEL, JOB_EVENTS, EVENTS -> SERVICE;
      case ADMIN_JOBS, ADMIN_COMPLETE, ADMIN_FAIL, ADMIN_FAULTS, ADMIN_SET_FAULTS, ADMIN_STATS, ADMIN_RESET -> ADMIN;
    };
  }

  /** Returns the policy of a request with another method on the same path: only the create itself is a create. */
  Policy forOtherMethod() {
    return count == Count.CREATE ? SERVICE : this;
  }
}
