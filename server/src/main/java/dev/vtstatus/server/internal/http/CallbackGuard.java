package dev.vtstatus.server.internal.http;

import dev.vtstatus.server.ServerConfig;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Decides where a {@code callback_url} may point, so that the server cannot be used to reach
 * addresses only it can reach (server-side request forgery). The host is resolved once, at
 * create; the delivery then goes to the address that was checked, so a DNS answer that changes
 * afterwards cannot redirect it.
 *
 * <p>Always refused: link-local addresses (169.254.0.0/16, which holds the cloud metadata
 * services, and fe80::/10), {@code fd00:ec2::254}, {@code metadata.google.internal}, unspecified,
 * multicast and broadcast addresses. Private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7)
 * and loopback addresses are allowed only while the server binds loopback (local development) or
 * when {@link ServerConfig#allowPrivateCallbacks()} is set. A name with several addresses is
 * refused when any of them is refused. Thread-safe; {@link #check} blocks on DNS, so call it off
 * the event loop.
 */
final class CallbackGuard {
  /** Resolves a host name to its addresses. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata");
  private static final InetAddress EC2_METADATA_V6 = literal("fd00:ec2::254");

  private final boolean allowPrivate;
  private final Resolver resolver;

  /**
   * Creates a guard.
   *
   * @param allowPrivate whether private and loopback addresses are allowed
   */
  CallbackGuard(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /** Returns the guard for a config: private addresses allowed on a loopback bind or by the flag. */
  static CallbackGuard forConfig(ServerConfig config) {
    return new CallbackGuard(config.webhooks().allowPrivateCallbacks() || bindsLoopback(config.host()), InetAddress::getAllByName);
  }

  private static boolean bindsLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Returns the address to deliver to for {@code url}.
   *
   * @throws ProblemException 400 naming {@code callback_url} when the host is refused or unknown
   */
  InetAddress check(URI url) {
    String host = url.getHost();
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    String name = bare.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (METADATA_NAMES.contains(name)) {
      throw refused(host, "is a cloud metadata service");
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(bare);
    } catch (UnknownHostException e) {
      throw ProblemException.badRequest("field 'callback_url': host '" + host + "' does not resolve");
    }
    if (addresses.length == 0) {
      throw ProblemException.badRequest("field 'callback_url': host '" + host + "' does not resolve");
    }
    for (InetAddress address : addresses) {
      String why = refusal(unmapped(address));
      if (why != null) {
        throw refused(host, why + " (" + address.getHostAddress() + ")");
      }
    }
    return addresses[0];
  }

  /** Returns why {@code address} is refused, or null when it is allowed. */
  private String refusal(InetAddress address) {
    if (address.isLinkLocalAddress() || address.equals(EC2_METADATA_V6)) {
      return "is link-local, where cloud metadata services live";
    }
    if (address.isAnyLocalAddress() || address.isMulticastAddress() || isBroadcast(address)) {
      return "is not a unicast address";
    }
    if (!allowPrivate && (address.isLoopbackAddress() || isPrivate(address))) {
      return "is private or loopback, allowed only while the server binds loopback or with --allow-private-callbacks";
    }
    return null;
  }

  private static boolean isPrivate(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 10 || (first == 172 && second >= 16 && second < 32) || (first == 192 && second == 168)
          || (first == 100 && second >= 64 && second < 128) || first == 0;
    }
    return (b[0] & 0xfe) == 0xfc || address.isSiteLocalAddress();
  }

  private static boolean isBroadcast(InetAddress address) {
    return address instanceof Inet4Address && address.getHostAddress().equals("255.255.255.255");
  }

  /** Returns the IPv4 address inside an IPv4-mapped IPv6 one, else the address itself. */
  private static InetAddress unmapped(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
          return address;
        }
      }
    }
    return address;
  }

  private static ProblemException refused(String host, String why) {
    return ProblemException.badRequest("field 'callback_url' is refused: host '" + host + "' " + why);
  }

  private static InetAddress literal(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(ip, e);
    }
  }
}
