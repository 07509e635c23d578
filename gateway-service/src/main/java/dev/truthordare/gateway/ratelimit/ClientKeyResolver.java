package dev.truthordare.gateway.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Names the buckets a request draws from: its route's rate-limit class plus who is asking
 * — the device's {@code X-Client-Id} when well-formed, else the client's address — plus
 * the client's network ({@link #network}), whose bucket every client id behind one
 * address shares, so inventing client ids buys nothing beyond the address's limit. Logins
 * are always counted per address, so a password guesser cannot get a fresh bucket by
 * inventing client ids.
 */
@Component("clientKeyResolver")
public class ClientKeyResolver implements KeyResolver {

	/** The route metadata key naming a route's class. */
	public static final String CLASS_METADATA = "rate-limit";
	static final String DEFAULT_CLASS = "reads";
	static final String SEPARATOR = "|";

	private static final String PER_ADDRESS_CLASS = "login";

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private final List<AddressRange> trustedProxies;

	public ClientKeyResolver(RateLimitProperties properties) {
		this.trustedProxies = properties.trustedProxies().stream().map(AddressRange::parse).toList();
	}

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		String limitClass = limitClass(exchange);
		String clientId = exchange.getRequest().getHeaders().getFirst("X-Client-Id");
		String address = ClientAddressFilter.clientAddress(exchange, this);
		String who = !PER_ADDRESS_CLASS.equals(limitClass) && clientId != null && CLIENT_ID.matcher(clientId).matches()
				? "client:" + clientId : "ip:" + address;
		return Mono.just(limitClass + SEPARATOR + who + SEPARATOR + "net:" + network(address));
	}

	/**
	 * The unit of the per-address buckets: an IPv4 address itself, an IPv6 address's /64
	 * (one subscriber usually gets a whole /64, so its single addresses are free to
	 * rotate).
	 */
	static String network(String address) {
		if (!address.contains(":") || !isValidAddress(address)) {
			return address;
		}
		byte[] bytes = literal(address).getAddress();
		if (bytes.length == 4) {
			return literal(address).getHostAddress(); // IPv4-mapped
		}
		StringBuilder prefix = new StringBuilder();
		for (int i = 0; i < 8; i += 2) {
			prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
		}
		return prefix.append(":/64").toString();
	}

	private static String limitClass(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		Object named = route == null ? null : route.getMetadata().get(CLASS_METADATA);
		return named == null ? DEFAULT_CLASS : named.toString();
	}

	/**
	 * The peer's address, or — when the peer is a trusted proxy — the nearest address in
	 * {@code X-Forwarded-For} that is not one of ours. Entries left of the first
	 * untrusted hop are the client's own claims and ignored.
	 */
	String clientAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		String address = remote == null || remote.getAddress() == null ? "unknown"
				: remote.getAddress().getHostAddress();
		if (!isTrusted(address)) {
			return address;
		}
		List<String> forwarded = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			String hop = forwarded.get(i).trim();
			if (!isValidAddress(hop)) {
				return address;
			}
			address = hop;
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return address;
	}

	private boolean isTrusted(String address) {
		if (trustedProxies.isEmpty() || !isValidAddress(address)) {
			return false;
		}
		byte[] bytes = literal(address).getAddress();
		return trustedProxies.stream().anyMatch(proxy -> proxy.contains(bytes));
	}

	private static boolean isValidAddress(String candidate) {
		// literal IPv4/IPv6 only: never resolve names taken from a header
		if (candidate.contains(":")) {
			// with a colon the JDK parses an IPv6 literal and never looks a name up;
			// "::::"
			// or "1.2.3.4:80" pass the character check but are no address
			if (!candidate.matches("[0-9A-Fa-f:.]{2,45}")) {
				return false;
			}
			try {
				InetAddress.getByName(candidate);
				return true;
			}
			catch (UnknownHostException e) {
				return false;
			}
		}
		String[] octets = candidate.split("\\.", -1);
		if (octets.length != 4) {
			return false;
		}
		for (String octet : octets) {
			if (!octet.matches("[0-9]{1,3}") || Integer.parseInt(octet) > 255) {
				return false;
			}
		}
		return true;
	}

	/**
	 * An address literal's bytes; never a name lookup, callers pass only what
	 * {@link #isValidAddress} accepted.
	 */
	private static InetAddress literal(String address) {
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException e) {
			throw new IllegalArgumentException("not an IP address: " + address, e);
		}
	}

	/** An address or CIDR range such as {@code 10.0.0.0/8}. */
	private record AddressRange(byte[] network, int prefixLength) {

		static AddressRange parse(String spec) {
			String[] parts = spec.split("/", 2);
			if (!isValidAddress(parts[0])) {
				throw new IllegalArgumentException(
						"gateway.rate-limits.trusted-proxies: not an IP address or CIDR range: " + spec);
			}
			byte[] network = literal(parts[0]).getAddress();
			int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
			if (prefix < 0 || prefix > network.length * 8) {
				throw new IllegalArgumentException("gateway.rate-limits.trusted-proxies: bad prefix length in " + spec);
			}
			return new AddressRange(network, prefix);
		}

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			BitSet mine = BitSet.valueOf(reversed(network));
			BitSet theirs = BitSet.valueOf(reversed(address));
			int bits = network.length * 8;
			for (int i = 0; i < prefixLength; i++) {
				if (mine.get(bits - 1 - i) != theirs.get(bits - 1 - i)) {
					return false;
				}
			}
			return true;
		}

		private static byte[] reversed(byte[] bytes) {
			byte[] copy = new byte[bytes.length];
			for (int i = 0; i < bytes.length; i++) {
				copy[i] = bytes[bytes.length - 1 - i];
			}
			return copy;
		}
	}

}
