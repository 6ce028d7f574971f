package dev.vtstatus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vtstatus.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example Grafana dashboard in docs/ queries only metrics the server really exposes. */
class GrafanaDashboardTest {
  private static final Path DASHBOARD = Path.of("..", "docs", "grafana-dashboard.json");
  private static final Pattern METRIC = Pattern.compile("\\b((?:vtstatus|jvm|process|system)_[a-z_]+)\\b");

  @Test
  void everyMetricTheDashboardQueriesIsExposed() throws Exception {
    // Given every metric name in the dashboard's queries
    JsonNode dashboard = Json.mapper().readTree(Files.readString(DASHBOARD));
    Set<String> queried = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        Matcher m = METRIC.matcher(target.get("expr").asText());
        while (m.find()) {
          queried.add(m.group(1));
        }
      }
    }
    assertThat(queried).contains("vtstatus_http_requests_total", "vtstatus_http_request_duration_seconds_bucket");

    ServerTesting.test((server, http) -> {
      // When a server that has served requests, and seen a collection, is scraped
      MetricsTest.exerciseEveryRoute(http);
      // the pause timer appears with the first collection the JVM reports
      System.gc();
      await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/metrics").body().contains("\njvm_gc_pause_seconds_sum{"));
      String text = http.get("/metrics").body();

      // Then each of them is there
      List<String> missing = new ArrayList<>();
      for (String name : queried) {
        if (!text.contains("\n" + name + "{") && !text.contains("\n" + name + " ")) {
          missing.add(name);
        }
      }
      assertThat(missing).as("queried by docs/grafana-dashboard.json but not exposed").isEmpty();
    });
  }

  @Test
  void panelsHaveUniqueIdsAndOneDatasourceVariable() throws Exception {
    // Given / When
    JsonNode dashboard = Json.mapper().readTree(Files.readString(DASHBOARD));
    Set<Integer> ids = new TreeSet<>();
    dashboard.get("panels").forEach(panel -> ids.add(panel.get("id").asInt()));
    // Then Grafana can import it as is
    assertThat(ids).hasSize(dashboard.get("panels").size());
    assertThat(dashboard.at("/templating/list/0/type").asText()).isEqualTo("datasource");
    assertThat(dashboard.get("uid").asText()).isEqualTo("vtstatus-server");
  }
}
