package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may use the admin routes: the admin key, not job keys, and nobody when only job keys are set. */
class AdminAuthTest {
  private static final String ADMIN = "admin-secret";
  private static final String JOB = "job-key";

  private static ServerConfig.Builder withKeys() {
    return AdminRoutesTest.hourLongJobs().apiKeys(Set.of(JOB)).adminKey(ADMIN);
  }

  @Test
  void withoutAnyKeyConfiguredTheAdminRoutesAreOpen() throws Exception {
    test(AdminRoutesTest.hourLongJobs(), (server, http) -> {
      assertThat(http.get("/admin/stats").statusCode()).isEqualTo(200);
      assertThat(http.post("/admin/reset", "").statusCode()).isEqualTo(204);
    });
  }

  @Test
  void theAdminKeyOpensEveryRoute() throws Exception {
    test(withKeys(), (server, http) -> {
      // When
      HttpResponse<String> created = http.post("/v1/jobs", "{}", "X-Api-Key", ADMIN);
      String id = TestHttp.job(created).jobId();
      HttpResponse<String> forced = http.post("/admin/jobs/" + id + "/complete", "", "X-Api-Key", ADMIN);

      // Then
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(forced.statusCode()).isEqualTo(200);
      assertThat(http.get("/admin/faults", "X-Api-Key", ADMIN).statusCode()).isEqualTo(200);
    });
  }

  @Test
  void aJobKeyIsForbiddenOnTheAdminRoutes() throws Exception {
    test(withKeys(), (server, http) -> {
      // Given
      String id = TestHttp.job(http.post("/v1/jobs", "{}", "X-Api-Key", JOB)).jobId();

      // When
      HttpResponse<String> forced = http.post("/admin/jobs/" + id + "/complete", "", "X-Api-Key", JOB);
      HttpResponse<String> reset = http.post("/admin/reset", "", "X-Api-Key", JOB);

      // Then
      assertThat(forced.statusCode()).isEqualTo(403);
      assertThat(TestHttp.tree(forced).get("type").asText()).isEqualTo("urn:vtstatus:problem:forbidden");
      assertThat(reset.statusCode()).isEqualTo(403);
      assertThat(http.get("/v1/jobs/" + id, "X-Api-Key", JOB).statusCode()).isEqualTo(200);
    });
  }

  @Test
  void noKeyOrAWrongOneIsUnauthorizedOnTheAdminRoutes() throws Exception {
    test(withKeys(), (server, http) -> {
      // When
      HttpResponse<String> none = http.get("/admin/stats");
      HttpResponse<String> wrong = http.get("/admin/stats", "X-Api-Key", ADMIN + "x");

      // Then
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).doesNotContain(ADMIN);
    });
  }

  @Test
  void withJobKeysButNoAdminKeyTheAdminRoutesAreOff() throws Exception {
    test(AdminRoutesTest.hourLongJobs().apiKeys(Set.of(JOB)), (server, http) -> {
      // When
      HttpResponse<String> answer = http.get("/admin/stats", "X-Api-Key", JOB);

      // Then
      assertThat(answer.statusCode()).isEqualTo(403);
      assertThat(TestHttp.tree(answer).get("detail").asText()).contains("--admin-key");
    });
  }

  @Test
  void anAdminKeyAloneGuardsOnlyTheAdminRoutes() throws Exception {
    test(AdminRoutesTest.hourLongJobs().adminKey(ADMIN), (server, http) -> {
      // When / Then
      assertThat(http.post("/v1/jobs", "{}").statusCode()).isEqualTo(201);
      assertThat(http.get("/admin/jobs").statusCode()).isEqualTo(401);
      assertThat(http.get("/admin/jobs", "X-Api-Key", ADMIN).statusCode()).isEqualTo(200);
    });
  }

  @Test
  void theOpenApiDocumentNeedsNoKey() throws Exception {
    test(withKeys(), (server, http) -> assertThat(http.get("/openapi.yaml").statusCode()).isEqualTo(200));
  }

  @Test
  void theAdminKeyIsRedactedFromTheConfigsDescription() {
    assertThat(withKeys().build().toString()).doesNotContain(ADMIN).contains("adminKey=***");
  }
}
