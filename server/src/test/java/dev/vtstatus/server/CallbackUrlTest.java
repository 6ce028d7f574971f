package dev.vtstatus.server;

import static dev.vtstatus.server.ServerTesting.test;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A callback URL may not point at metadata services or link-local addresses. */
class CallbackUrlTest {
  @Test
  void metadataAndLinkLocalAddressesAreRefusedAtCreateAndTheServerKeepsServing() throws Exception {
    test((server, http) -> {
      for (String url : new String[] {"http://169.254.169.254/latest/meta-data", "http://[fd00:ec2::254]/",
          "http://metadata.google.internal/computeMetadata/v1/", "http://[::ffff:169.254.169.254]/",
          "http://[fe80::1]/", "http://0.0.0.0/"}) {
        HttpResponse<String> answer = http.post("/v1/jobs", "{\"callback_url\":\"" + url + "\"}");
        assertThat(answer.statusCode()).as(url).isEqualTo(400);
        JsonNode problem = TestHttp.tree(answer);
        assertThat(problem.get("detail").asText()).contains("callback_url");
      }
      assertThat(http.post("/v1/jobs", "{}").statusCode()).isEqualTo(201);
    });
  }
}
