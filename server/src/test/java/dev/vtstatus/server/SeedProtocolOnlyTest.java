package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SeedProtocolOnlyTest {

  @Test
  void seedOnlyServerServesSeedRoutesAndHidesVersion1() throws Exception {
    test(ServerTesting.fastConfig().seedProtocolOnly(true), (server, http) -> {
      // When
      HttpResponse<String> capabilities = http.get("/v1/capabilities");
      HttpResponse<String> v1Create = http.post("/v1/jobs", "{}");
      HttpResponse<String> created = http.post("/job", "{}");
      String id = TestHttp.tree(created).get("job_id").asText();

      // Then
      assertThat(capabilities.statusCode()).isEqualTo(404);
      assertThat(capabilities.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(v1Create.statusCode()).isEqualTo(404);
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(http.get("/status/" + id).statusCode()).isEqualTo(200);
      assertThat(http.get("/status").statusCode()).isEqualTo(200);
      assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    });
  }
}
