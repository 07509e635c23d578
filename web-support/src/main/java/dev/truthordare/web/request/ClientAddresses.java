package dev.truthordare.web.request;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where a player's request comes from. The gateway always sets {@code X-Client-Address}
 * itself (replacing anything a client sent; services listen where only the gateway
 * reaches them), so it is believed; a request without it (a direct call in a test) is
 * from its peer's address.
 */
public final class ClientAddresses {

	public static final String HEADER = "X-Client-Address";

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private ClientAddresses() {
	}

	/** The caller's address as a literal, {@code unknown} when there is none. */
	public static String of(HttpServletRequest request) {
		String told = request.getHeader(HEADER);
		if (told != null && bytes(told) != null) {
			return told;
		}
		String peer = request.getRemoteAddr();
		return peer != null && bytes(peer) != null ? peer : "unknown";
	}

	/**
	 * The network an address belongs to: its first {@code ipv4Bits} or {@code ipv6Bits}
	 * bits, as {@code 203.0.113.0/24} or {@code 2001:db8:1:0:0:0:0:0/48}; an address that
	 * is not a literal is its own network.
	 */
	public static String network(String address, int ipv4Bits, int ipv6Bits) {
		byte[] bytes = bytes(address);
		if (bytes == null) {
			return address;
		}
		int bits = bytes.length == 4 ? ipv4Bits : ipv6Bits;
		for (int i = 0; i < bytes.length; i++) {
			int keep = Math.max(0, Math.min(8, bits - 8 * i));
			bytes[i] = (byte) (bytes[i] & (0xff00 >> keep));
		}
		try {
			return InetAddress.getByAddress(bytes).getHostAddress() + "/" + bits;
		}
		catch (UnknownHostException impossible) {
			return address;
		}
	}

	/**
	 * The address's bytes, or null when it is not an IP literal (never a name lookup).
	 */
	private static byte[] bytes(String candidate) {
		boolean literal = candidate.contains(":") ? IPV6.matcher(candidate).matches()
				: IPV4.matcher(candidate).matches();
		if (!literal) {
			return null;
		}
		try {
			return InetAddress.getByName(candidate).getAddress();
		}
		catch (UnknownHostException malformed) {
			return null;
		}
	}

}
