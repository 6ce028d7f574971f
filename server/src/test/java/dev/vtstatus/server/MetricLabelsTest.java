package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Requests cannot add metric series: every label takes a bounded set of values. */
class MetricLabelsTest {
  private static final Pattern METHOD = Pattern.compile("vtstatus_http_requests_total\\{[^}]*method=\"([^\"]*)\"");

  @Test
  void madeUpMethodsAndPathsWithoutAKeyFallIntoOneBucket() throws Exception {
    test(ServerTesting.fastConfig().apiKeys(Set.of("key")), (server, http) -> {
      // Given
      int before = http.get("/metrics").body().length();

      // When 300 requests without a key use made-up methods on made-up paths
      for (int i = 0; i < 300; i++) {
        http.send(http.request("/made/up/" + i).method("M" + i, HttpRequest.BodyPublishers.noBody()).build());
      }

      // Then the methods count as 'other', the paths as 'unmatched', and the scrape barely grows
      String scrape = http.get("/metrics").body();
      Set<String> methods = new TreeSet<>();
      Matcher m = METHOD.matcher(scrape);
      while (m.find()) {
        methods.add(m.group(1));
      }
      assertThat(methods).contains("other").allMatch(method -> Set.of("GET", "POST", "other").contains(method));
      assertThat(scrape).contains("route=\"unmatched\"").doesNotContain("/made/up/");
      // a handful of new series at most (a request-duration histogram is about 18 lines of ~110
      // characters per route, method and status); one per request would be well over 300 x 1,000
      assertThat(scrape.length() - before).isLessThan(10_000);
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    });
  }
}
