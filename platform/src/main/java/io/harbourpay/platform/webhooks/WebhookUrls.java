package io.harbourpay.platform.webhooks;

import io.harbourpay.platform.PlatformException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where webhooks may be sent: the guard against server-side request forgery (a merchant pointing
 * the platform at its own network, the cloud metadata service, or a host that resolves there).
 * Checked when an endpoint is registered, and again by every connection an attempt opens: {@link
 * #resolveForSending} is that connection's only lookup of the host, so it connects to the addresses
 * the rules approved and DNS gets no second chance to answer elsewhere (rebinding). See
 * docs/webhooks.md, "Endpoints".
 */
public final class WebhookUrls {
  public static final int URL_CHARS_MAX = 2_048;

  /** The names that mean this machine; only these may be used over http, and only in demo mode. */
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  /** Finds a host's addresses; tests answer literal IPs without DNS. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  public static final Resolver SYSTEM_RESOLVER = InetAddress::getAllByName;

  /** An IPv4 block that is never a merchant's public server, with the rule's name. */
  private record Block(int network, int prefixBits, String rule) {
    boolean contains(int address) {
      int mask = prefixBits == 0 ? 0 : -1 << (32 - prefixBits);
      return (address & mask) == (network & mask);
    }
  }

  private static final List<Block> IPV4_BLOCKS =
      List.of(
          block(0, 0, 0, 0, 8, "unspecified (0.0.0.0/8)"),
          block(10, 0, 0, 0, 8, "private (10.0.0.0/8)"),
          block(100, 64, 0, 0, 10, "shared address space, CGNAT (100.64.0.0/10)"),
          block(127, 0, 0, 0, 8, "loopback (127.0.0.0/8)"),
          block(169, 254, 0, 0, 16, "link-local, incl. cloud metadata (169.254.0.0/16)"),
          block(172, 16, 0, 0, 12, "private (172.16.0.0/12)"),
          block(192, 0, 0, 0, 24, "IETF protocol assignments (192.0.0.0/24)"),
          block(192, 0, 2, 0, 24, "documentation (192.0.2.0/24)"),
          block(192, 168, 0, 0, 16, "private (192.168.0.0/16)"),
          block(198, 18, 0, 0, 15, "benchmarking (198.18.0.0/15)"),
          block(198, 51, 100, 0, 24, "documentation (198.51.100.0/24)"),
          block(203, 0, 113, 0, 24, "documentation (203.0.113.0/24)"),
          block(224, 0, 0, 0, 4, "multicast (224.0.0.0/4)"),
          block(240, 0, 0, 0, 4, "reserved and broadcast (240.0.0.0/4)"));

  private final boolean allowInsecureLocalhost;
  private final Resolver resolver;

  public WebhookUrls(boolean allowInsecureLocalhost, Resolver resolver) {
    this.allowInsecureLocalhost = allowInsecureLocalhost;
    this.resolver = resolver;
  }

  /**
   * Checks a URL a merchant registers and returns it normalised; every refusal is a 400 naming
   * {@code url} and the rule. A host that does not resolve now is accepted (its DNS may not be live
   * yet): every attempt checks the addresses again before it connects.
   */
  public String check(String url) {
    URI uri = parse(url);
    boolean local = isLocalName(uri);
    if (!local || !allowInsecureLocalhost) {
      if (!"https".equals(scheme(uri))) {
        throw PlatformException.invalid(
            "url",
            "url_not_https",
            allowInsecureLocalhost
                ? "Webhook endpoints must use https (http only to localhost in demo mode)"
                : "Webhook endpoints must use https");
      }
    }
    Optional<String> refusal = addressRefusal(uri, local);
    if (refusal.isPresent()) {
      throw PlatformException.invalid("url", "url_not_public", refusal.get());
    }
    return uri.toString();
  }

  /**
   * A host the dispatcher must not connect to now; the message is what the attempt's log records
   * ({@code address_refused: …} or {@code dns_failed: …}). An {@link UnknownHostException}, because
   * that is what a name lookup may throw to the HTTP client that asked for it.
   */
  static final class RefusedHost extends UnknownHostException {
    RefusedHost(String error) {
      super(error);
    }
  }

  /**
   * The one lookup of a host that a webhook connection makes: resolves it, applies the rules, and
   * answers the addresses to connect to, every one of them checked (or refuses them all). The
   * caller connects to nothing else, so the address checked is the address used. {@code host} is as
   * the HTTP client names it: an IPv6 literal may come with or without its brackets.
   */
  InetAddress[] resolveForSending(String host) throws RefusedHost {
    String name = unbracketed(host.toLowerCase(Locale.ROOT));
    boolean local = LOCAL_HOSTS.contains(name);
    if (local && !allowInsecureLocalhost) {
      throw new RefusedHost("address_refused: localhost is not allowed outside demo mode");
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(name);
    } catch (UnknownHostException unknown) {
      throw new RefusedHost("dns_failed: " + name + " does not resolve");
    }
    if (addresses == null || addresses.length == 0) {
      throw new RefusedHost("dns_failed: " + name + " does not resolve");
    }
    Optional<String> refused = firstRefused(addresses, local);
    if (refused.isPresent()) throw new RefusedHost("address_refused: " + refused.get());
    return addresses.clone();
  }

  /**
   * Why an address is not a public one (the rule's name and range), or empty when it is. IPv6 forms
   * that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
   */
  public static Optional<String> nonPublicRule(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) return ipv4Rule(toInt(bytes, 0));
    if (!(address instanceof Inet6Address)) return Optional.of("not an IP address");
    if (allZero(bytes, 0, 16)) return Optional.of("unspecified (::)");
    if (allZero(bytes, 0, 15) && bytes[15] == 1) return Optional.of("loopback (::1)");
    if (allZero(bytes, 0, 10) && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
      return embedded(bytes, 12, "IPv4-mapped");
    }
    if (allZero(bytes, 0, 12)) return embedded(bytes, 12, "IPv4-compatible");
    int first = (bytes[0] & 0xff) << 8 | (bytes[1] & 0xff);
    int second = (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    if (first == 0x0064 && second == 0xff9b) {
      return allZero(bytes, 4, 12)
          ? embedded(bytes, 12, "NAT64")
          : Optional.of("local-use NAT64 (64:ff9b:1::/48)");
    }
    if (first == 0x2002) return embedded(bytes, 2, "6to4");
    if (first == 0x2001 && second == 0x0000) return Optional.of("Teredo (2001::/32)");
    if (first == 0x2001 && second == 0x0db8) return Optional.of("documentation (2001:db8::/32)");
    if ((first & 0xfe00) == 0xfc00) return Optional.of("unique-local (fc00::/7)");
    if ((first & 0xffc0) == 0xfe80) return Optional.of("link-local (fe80::/10)");
    if ((first & 0xffc0) == 0xfec0) return Optional.of("site-local (fec0::/10)");
    if ((first & 0xff00) == 0xff00) return Optional.of("multicast (ff00::/8)");
    return Optional.empty();
  }

  private Optional<String> addressRefusal(URI uri, boolean local) {
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host(uri));
    } catch (UnknownHostException unknown) {
      return Optional.empty();
    }
    return firstRefused(addresses, local)
        .map(reason -> "url must reach a public address; " + reason);
  }

  /**
   * The first address that must not be used: for localhost in demo mode anything not loopback,
   * otherwise anything not public. Every address counts, as the HTTP client may pick any of them.
   */
  private Optional<String> firstRefused(InetAddress[] addresses, boolean local) {
    for (InetAddress address : addresses) {
      Optional<String> rule = nonPublicRule(address);
      if (local && allowInsecureLocalhost) {
        if (!address.isLoopbackAddress()) {
          return Optional.of(
              "localhost resolves to " + address.getHostAddress() + ", not a loopback address");
        }
      } else if (rule.isPresent()) {
        return Optional.of(
            host(address) + " is " + rule.get() + ", which webhooks may not be sent to");
      }
    }
    return Optional.empty();
  }

  private static String host(InetAddress address) {
    return address.getHostAddress();
  }

  private static URI parse(String url) {
    if (url == null || url.isBlank() || url.length() > URL_CHARS_MAX) {
      throw PlatformException.invalid(
          "url", "url_invalid", "url is an https URL of at most " + URL_CHARS_MAX + " characters");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException bad) {
      throw PlatformException.invalid("url", "url_invalid", "url is not a valid URL");
    }
    if (uri.getRawUserInfo() != null
        || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
      throw PlatformException.invalid(
          "url", "url_invalid", "url may not carry user info (user:password@)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty() || uri.getFragment() != null) {
      throw PlatformException.invalid(
          "url", "url_invalid", "url needs a host name or address, and no fragment");
    }
    String scheme = scheme(uri);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw PlatformException.invalid("url", "url_not_https", "Webhook endpoints must use https");
    }
    return uri;
  }

  private static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }

  /** The host as the resolver takes it: IPv6 literals without their brackets. */
  private static String host(URI uri) {
    return unbracketed(uri.getHost().toLowerCase(Locale.ROOT));
  }

  private static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static boolean isLocalName(URI uri) {
    return LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
  }

  private static Optional<String> ipv4Rule(int address) {
    for (Block block : IPV4_BLOCKS) {
      if (block.contains(address)) return Optional.of(block.rule());
    }
    return Optional.empty();
  }

  private static Optional<String> embedded(byte[] bytes, int offset, String form) {
    return ipv4Rule(toInt(bytes, offset)).map(rule -> form + " form of " + rule);
  }

  private static Block block(int a, int b, int c, int d, int prefixBits, String rule) {
    return new Block(a << 24 | b << 16 | c << 8 | d, prefixBits, rule);
  }

  private static int toInt(byte[] bytes, int offset) {
    return (bytes[offset] & 0xff) << 24
        | (bytes[offset + 1] & 0xff) << 16
        | (bytes[offset + 2] & 0xff) << 8
        | (bytes[offset + 3] & 0xff);
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int index = from; index < to; index++) {
      if (bytes[index] != 0) return false;
    }
    return true;
  }
}
