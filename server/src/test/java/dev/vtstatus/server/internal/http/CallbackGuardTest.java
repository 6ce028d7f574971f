package dev.vtstatus.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Where a callback may point: no metadata services, private addresses only in local development. */
class CallbackGuardTest {
  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertRefused(CallbackGuard guard, String url, String why) {
    assertThatThrownBy(() -> guard.check(URI.create(url)))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("callback_url").hasMessageContaining(why)
        .satisfies(e -> assertThat(((ProblemException) e).status).isEqualTo(400));
  }

  @Test
  void privateAndLoopbackAddressesNeedALoopbackBindOrTheFlag() {
    CallbackGuard.Resolver dns = host -> new InetAddress[] {ip(host.equals("intranet.example") ? "10.1.2.3" : host)};
    CallbackGuard strict = new CallbackGuard(false, dns);
    CallbackGuard local = new CallbackGuard(true, dns);
    for (String url : new String[] {"http://10.0.0.1/", "http://127.0.0.1:8080/", "http://[::1]/",
        "http://192.168.1.1/", "http://172.16.0.1/", "http://[fc00::1]/", "http://intranet.example/"}) {
      assertRefused(strict, url, "private or loopback");
      assertThat(local.check(URI.create(url))).isNotNull();
    }
    assertRefused(local, "http://169.254.169.254/", "link-local");
    assertThat(strict.check(URI.create("https://93.184.215.14/hook"))).isEqualTo(ip("93.184.215.14"));
  }

  @Test
  void aNameIsResolvedOnceAndRefusedWhenAnyAddressIsRefused() {
    AtomicInteger lookups = new AtomicInteger();
    CallbackGuard guard = new CallbackGuard(false, host -> {
      lookups.incrementAndGet();
      return new InetAddress[] {ip("93.184.215.14"), ip("169.254.169.254")};
    });
    assertRefused(guard, "http://rebinding.example/", "link-local");
    assertThat(lookups).hasValue(1);
    assertThatThrownBy(() -> new CallbackGuard(false, host -> {
      throw new UnknownHostException(host);
    }).check(URI.create("http://nowhere.invalid/"))).hasMessageContaining("does not resolve");
  }
}
