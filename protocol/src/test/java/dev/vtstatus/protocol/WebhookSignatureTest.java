package dev.vtstatus.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  // The example of the Standard Webhooks specification.
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330L;
  private static final String BODY = "{\"test\": 2432232314}";
  private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signsTheSpecificationExample() {
    assertThat(WebhookSignature.forSecret(SECRET).sign(ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
  }

  @Test
  void matchesAnyOfSeveralSignaturesDuringRotation() {
    String header = "v1,bm90IGl0 " + EXPECTED;

    assertThat(WebhookSignature.forSecret(SECRET).matches(ID, TIMESTAMP, BODY, header)).isTrue();
  }

  @Test
  void rejectsATamperedBodyOrTimestamp() {
    WebhookSignature signature = WebhookSignature.forSecret(SECRET);

    assertThat(signature.matches(ID, TIMESTAMP, BODY + " ", EXPECTED)).isFalse();
    assertThat(signature.matches(ID, TIMESTAMP + 1, BODY, EXPECTED)).isFalse();
    assertThat(signature.matches(ID, TIMESTAMP, BODY, null)).isFalse();
  }

  @Test
  void rejectsASecretThatIsNotBase64() {
    assertThatThrownBy(() -> WebhookSignature.forSecret("whsec_%%%"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whsec_");
  }

  @Test
  void newSecretsSignAndVerify() {
    WebhookSignature signature = WebhookSignature.forSecret(WebhookSignature.newSecret());

    String sig = signature.sign("m", 1, "{}");

    assertThat(signature.matches("m", 1, "{}", sig)).isTrue();
  }
}
