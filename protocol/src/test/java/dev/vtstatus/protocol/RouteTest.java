package dev.vtstatus.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RouteTest {
  @Test
  void pathFillsEachParameterInOrder() {
    // Given / When / Then
    assertThat(Route.JOB.path("3f6c")).isEqualTo("/v1/jobs/3f6c");
    assertThat(Route.ADMIN_FAIL.path("a%20b")).isEqualTo("/admin/jobs/a%20b/fail");
    assertThat(Route.BATCH.path()).isEqualTo("/v1/jobs");
    assertThat(Route.DASHBOARD.path()).isEqualTo("/");
  }

  @Test
  void pathRefusesTheWrongNumberOfValues() {
    // Given / When / Then
    assertThatThrownBy(() -> Route.JOB.path()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/v1/jobs/:id");
    assertThatThrownBy(() -> Route.HEALTH.path("x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes 0 values, was given 1");
  }

  @Test
  void adminRoutesAreTheOnesUnderTheAdminPrefix() {
    // Given / When
    Set<Route> admin = Arrays.stream(Route.values()).filter(Route::admin).collect(Collectors.toSet());
    // Then
    assertThat(admin).containsExactlyInAnyOrder(Route.ADMIN_JOBS, Route.ADMIN_COMPLETE, Route.ADMIN_FAIL,
        Route.ADMIN_FAULTS, Route.ADMIN_SET_FAULTS, Route.ADMIN_STATS, Route.ADMIN_RESET);
  }

  @Test
  void everyRouteIsAnOperationOfTheOpenApiDocumentAndBack() throws IOException {
    // Given the operations of docs/openapi.yaml, parameters written as {}
    String document = Files.readString(Path.of("..", "docs", "openapi.yaml"));
    Set<String> documented = new TreeSet<>();
    Matcher path = Pattern.compile("(?m)^  (/\\S*):\\n((?:    .*\\n|\\s*\\n)*)").matcher(document);
    while (path.find()) {
      Matcher method = Pattern.compile("(?m)^    (get|head|post|put|delete|patch):").matcher(path.group(2));
      while (method.find()) {
        documented.add(method.group(1).toUpperCase(Locale.ROOT) + " " + path.group(1).replaceAll("\\{[^}]+}", "{}"));
      }
    }
    // the dashboard's files are the server's, not a route of the protocol
    documented.remove("GET /dashboard/{}");
    // When the routes are written the same way
    Set<String> routes = Arrays.stream(Route.values())
        .map(r -> r.method() + " " + r.template().replaceAll(":[^/]+", "{}"))
        .collect(Collectors.toCollection(TreeSet::new));
    // Then they are the same operations
    assertThat(documented).hasSizeGreaterThan(20);
    assertThat(routes).isEqualTo(documented);
  }
}
