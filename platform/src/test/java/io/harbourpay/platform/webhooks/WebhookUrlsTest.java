package io.harbourpay.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.platform.PlatformException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF rules, with literal addresses and a table resolver: no real DNS is needed. */
class WebhookUrlsTest {
  /** Names the tests resolve; anything else is unknown, as a host without DNS would be. */
  private static final Map<String, String[]> DNS =
      Map.of(
          "shop.example.com", new String[] {"93.184.216.34"},
          "rebinding.example.com", new String[] {"93.184.216.34", "10.1.2.3"},
          "metadata.example.com", new String[] {"169.254.169.254"},
          "localhost", new String[] {"127.0.0.1", "::1"});

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    String[] literals = DNS.get(host);
    if (literals == null) {
      // Literal addresses parse without a lookup; names fail like a missing DNS record.
      if (!host.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
        throw new UnknownHostException(host);
      }
      return new InetAddress[] {InetAddress.getByName(host)};
    }
    InetAddress[] addresses = new InetAddress[literals.length];
    for (int index = 0; index < literals.length; index++) {
      addresses[index] = InetAddress.getByName(literals[index]);
    }
    return addresses;
  }

  private final WebhookUrls production = new WebhookUrls(false, WebhookUrlsTest::resolve);
  private final WebhookUrls demo = new WebhookUrls(true, WebhookUrlsTest::resolve);

  private static void assertRefused(WebhookUrls urls, String url, String code, String rule) {
    assertThatThrownBy(() -> urls.check(url))
        .isInstanceOfSatisfying(
            PlatformException.class,
            refused -> {
              assertThat(refused.code()).isEqualTo(code);
              assertThat(refused.param()).isEqualTo("url");
              assertThat(refused.getMessage()).contains(rule);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://10.0.0.1/h|private (10.0.0.0/8)",
        "https://172.16.5.4/h|private (172.16.0.0/12)",
        "https://172.31.255.255/h|private (172.16.0.0/12)",
        "https://192.168.1.1/h|private (192.168.0.0/16)",
        "https://127.0.0.1/h|loopback",
        "https://127.1.2.3:8443/h|loopback",
        "https://169.254.169.254/latest/meta-data|link-local",
        "https://100.64.0.1/h|CGNAT",
        "https://100.127.255.254/h|CGNAT",
        "https://0.0.0.0/h|unspecified",
        "https://224.0.0.1/h|multicast",
        "https://255.255.255.255/h|broadcast",
        "https://[::1]/h|loopback (::1)",
        "https://[::]/h|unspecified (::)",
        "https://[fe80::1]/h|link-local (fe80::/10)",
        "https://[fc00::1]/h|unique-local",
        "https://[fd12:3456::1]/h|unique-local",
        "https://[ff02::1]/h|multicast (ff00::/8)",
        "https://[::ffff:127.0.0.1]/h|loopback",
        "https://[::ffff:a9fe:a9fe]/h|link-local",
        "https://[::ffff:10.0.0.1]/h|private",
        "https://[::10.0.0.1]/h|IPv4-compatible form of private",
        "https://[64:ff9b::a9fe:a9fe]/h|NAT64 form of link-local",
        "https://[2002:c0a8:0101::1]/h|6to4 form of private",
        "https://metadata.example.com/h|link-local",
        "https://rebinding.example.com/h|10.1.2.3 is private",
      })
  void privateLoopbackLinkLocalAndTheirDisguisesAreRefused(String row) {
    String[] parts = row.split("\\|");
    assertRefused(production, parts[0], "url_not_public", parts[1]);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://93.184.216.34/hooks",
        "https://shop.example.com/hooks",
        "https://[2606:4700::1111]/hooks",
        "https://172.32.0.1/h",
        "https://100.128.0.1/h",
        "https://no-dns-yet.example.net/hooks",
      })
  void publicAddressesAndUnresolvedNamesAreAccepted(String url) {
    assertThat(production.check(url)).isEqualTo(url);
  }

  @Test
  void httpsOnlyNoUserInfoAndLocalhostOnlyInDemoMode() {
    assertRefused(production, "http://shop.example.com/h", "url_not_https", "https");
    assertRefused(production, "ftp://shop.example.com/h", "url_not_https", "https");
    assertRefused(production, "https://user:pw@shop.example.com/h", "url_invalid", "user info");
    assertRefused(production, "https://user@shop.example.com/h", "url_invalid", "user info");
    assertRefused(production, "http://127.0.0.1:8080/h", "url_not_https", "https");
    assertRefused(production, "https://localhost/h", "url_not_public", "loopback");
    assertRefused(production, "not a url", "url_invalid", "valid URL");
    assertRefused(production, "https:///nohost", "url_invalid", "host");
    assertThat(demo.check("http://127.0.0.1:8080/h")).isEqualTo("http://127.0.0.1:8080/h");
    assertThat(demo.check("http://localhost/h")).isEqualTo("http://localhost/h");
    assertThat(demo.check("http://[::1]:9/h")).isEqualTo("http://[::1]:9/h");
    // Demo mode allows this machine by name, not the private network by address.
    assertRefused(demo, "http://10.0.0.1/h", "url_not_https", "https");
    assertRefused(demo, "https://10.0.0.1/h", "url_not_public", "private");
    assertRefused(demo, "http://127.0.0.2/h", "url_not_https", "https");
  }

  private static String refusal(WebhookUrls urls, String host) {
    try {
      return "connects to " + Arrays.toString(urls.resolveForSending(host));
    } catch (WebhookUrls.RefusedHost refused) {
      return refused.getMessage();
    }
  }

  @Test
  void aConnectionGetsOnlyAddressesThatPassTheRules() throws Exception {
    assertThat(production.resolveForSending("shop.example.com"))
        .containsExactly(InetAddress.getByName("93.184.216.34"));
    assertThat(production.resolveForSending("[2606:4700::1111]"))
        .containsExactly(InetAddress.getByName("2606:4700::1111"));
    // One refused address refuses the host: the client could have picked it.
    assertThat(refusal(production, "rebinding.example.com"))
        .startsWith("address_refused: ")
        .contains("10.1.2.3");
    assertThat(refusal(production, "metadata.example.com"))
        .startsWith("address_refused: ")
        .contains("169.254.169.254");
    assertThat(refusal(production, "gone.example.net"))
        .isEqualTo("dns_failed: gone.example.net does not resolve");
    assertThat(refusal(production, "localhost"))
        .isEqualTo("address_refused: localhost is not allowed outside demo mode");
    assertThat(refusal(production, "[::1]")).startsWith("address_refused: ");
    assertThat(demo.resolveForSending("LocalHost"))
        .containsExactly(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
    assertThat(demo.resolveForSending("[::1]")).containsExactly(InetAddress.getByName("::1"));
    assertThat(refusal(demo, "10.0.0.1")).startsWith("address_refused: ").contains("private");
  }
}
