package dev.vtstatus.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vtstatus.protocol.Route;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private static final RouteTable ROUTES = table(false);

  @Test
  void pathsAreNamedByTheTemplateWithTheSameSegments() {
    // When / Then
    assertThat(ROUTES.label("/v1/jobs")).isEqualTo("/v1/jobs");
    assertThat(ROUTES.label("/v1/jobs/abc")).isEqualTo("/v1/jobs/:id");
    assertThat(ROUTES.label("/v1/jobs/abc/")).isEqualTo("/v1/jobs/:id");
    assertThat(ROUTES.label("/v1/jobs/abc/events")).isEqualTo("/v1/jobs/:id/events");
    assertThat(ROUTES.label("/status/x")).isEqualTo("/status/:id");
    assertThat(ROUTES.label("/dashboard/app.js")).isEqualTo("/dashboard/app.js");
  }

  @Test
  void pathsWithoutAMountedTemplateAreUnmatched() {
    // When / Then
    assertThat(ROUTES.label("/v1/jobs//events")).isEqualTo(RouteTable.UNMATCHED);
    assertThat(ROUTES.label("/v1/jobs/abc/other")).isEqualTo(RouteTable.UNMATCHED);
    assertThat(ROUTES.label("/v2/jobs")).isEqualTo(RouteTable.UNMATCHED);
    assertThat(table(true).label("/metrics")).isEqualTo(RouteTable.UNMATCHED);
  }

  @Test
  void eachRouteHasItsOwnPolicy() {
    // When / Then
    assertThat(ROUTES.target("GET", "/healthz").policy()).isEqualTo(Policy.MONITORING);
    assertThat(ROUTES.target("HEAD", "/metrics").policy()).isEqualTo(Policy.MONITORING);
    assertThat(ROUTES.target("GET", "/openapi.yaml").policy()).isEqualTo(Policy.MONITORING);
    assertThat(ROUTES.target("GET", "/v1/capabilities").policy()).isEqualTo(Policy.DISCOVERY);
    assertThat(ROUTES.target("POST", "/v1/jobs").policy()).isEqualTo(Policy.CREATE);
    assertThat(ROUTES.target("POST", "/job").policy()).isEqualTo(Policy.CREATE);
    assertThat(ROUTES.target("GET", "/v1/jobs").policy()).isEqualTo(Policy.SERVICE);
    assertThat(ROUTES.target("PUT", "/admin/faults").policy()).isEqualTo(Policy.ADMIN);
  }

  @Test
  void anotherMethodKeepsThePathsPolicyButIsNoCreate() {
    // When / Then
    assertThat(ROUTES.target("GET", "/job").policy()).isEqualTo(Policy.SERVICE);
    assertThat(ROUTES.target("POST", "/healthz").policy()).isEqualTo(Policy.MONITORING);
    assertThat(ROUTES.target("DELETE", "/admin/stats").policy()).isEqualTo(Policy.ADMIN);
  }

  @Test
  void unknownPathsTakeThePolicyOfTheirPart() {
    // When / Then
    assertThat(ROUTES.target("GET", "/admin/nothing")).isEqualTo(new RouteTable.Target(RouteTable.UNMATCHED, Policy.ADMIN));
    assertThat(ROUTES.target("GET", "/dashboard/missing.js").policy()).isEqualTo(Policy.MONITORING);
    assertThat(ROUTES.target("GET", "/admin").policy()).isEqualTo(Policy.SERVICE);
    assertThat(ROUTES.target("GET", "/v2/jobs").policy()).isEqualTo(Policy.SERVICE);
  }

  @Test
  void unmountedRoutesKeepTheirPolicy() {
    // Given a server of the seed protocol only, When / Then
    assertThat(table(true).target("GET", "/metrics")).isEqualTo(new RouteTable.Target(RouteTable.UNMATCHED, Policy.MONITORING));
  }

  private static RouteTable table(boolean seedOnly) {
    List<RouteTable.Entry> entries = new ArrayList<>();
    for (Route route : Route.values()) {
      entries.add(RouteTable.Entry.of(route, !seedOnly || route.template().startsWith("/status")));
    }
    entries.add(new RouteTable.Entry("GET", "/dashboard/app.js", Policy.MONITORING, !seedOnly));
    return new RouteTable(entries);
  }
}
