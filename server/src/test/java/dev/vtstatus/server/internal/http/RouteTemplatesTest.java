package dev.vtstatus.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTemplatesTest {
  private static final RouteTemplates ROUTES =
      new RouteTemplates(List.of("/status", "/status/:id", "/v1/jobs", "/v1/jobs/:id", "/v1/jobs/:id/events"));

  @Test
  void pathsAreNamedByTheTemplateWithTheSameSegments() {
    // When / Then
    assertThat(ROUTES.match("/v1/jobs")).isEqualTo("/v1/jobs");
    assertThat(ROUTES.match("/v1/jobs/abc")).isEqualTo("/v1/jobs/:id");
    assertThat(ROUTES.match("/v1/jobs/abc/")).isEqualTo("/v1/jobs/:id");
    assertThat(ROUTES.match("/v1/jobs/abc/events")).isEqualTo("/v1/jobs/:id/events");
    assertThat(ROUTES.match("/status/x")).isEqualTo("/status/:id");
  }

  @Test
  void pathsWithoutATemplateAreUnmatched() {
    // When / Then
    assertThat(ROUTES.match("/")).isEqualTo(RouteTemplates.UNMATCHED);
    assertThat(ROUTES.match("/v1/jobs//events")).isEqualTo(RouteTemplates.UNMATCHED);
    assertThat(ROUTES.match("/v1/jobs/abc/other")).isEqualTo(RouteTemplates.UNMATCHED);
    assertThat(ROUTES.match("/v2/jobs")).isEqualTo(RouteTemplates.UNMATCHED);
  }
}
