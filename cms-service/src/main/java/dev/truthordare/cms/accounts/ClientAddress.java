package dev.truthordare.cms.accounts;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The address a login comes from, as the throttle counts it: the gateway's
 * {@code X-Client-Address} (the client as the gateway saw it, after its trusted-proxy
 * rules) when it is an IP address, else the connection's remote address. IPv6 addresses
 * count by their /64 prefix, since one subscriber usually holds a whole /64.
 */
final class ClientAddress {

	static final String HEADER = "X-Client-Address";

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	// only literals are parsed, so InetAddress never asks DNS
	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

	private ClientAddress() {
	}

	static String of(HttpServletRequest request) {
		String forwarded = key(request.getHeader(HEADER));
		if (forwarded != null) {
			return forwarded;
		}
		String remote = key(request.getRemoteAddr());
		return remote == null ? "unknown" : remote;
	}

	static String key(String value) {
		if (value == null) {
			return null;
		}
		String candidate = value.strip();
		if (IPV4.matcher(candidate).matches()) {
			for (String octet : candidate.split("\\.")) {
				if (Integer.parseInt(octet) > 255) {
					return null;
				}
			}
			return candidate;
		}
		if (candidate.startsWith("[") && candidate.endsWith("]")) {
			candidate = candidate.substring(1, candidate.length() - 1);
		}
		if (!candidate.contains(":") || !IPV6.matcher(candidate).matches()) {
			return null;
		}
		InetAddress address = parse(candidate);
		if (address == null) {
			return null;
		}
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			return address.getHostAddress();
		}
		StringBuilder prefix = new StringBuilder();
		for (int i = 0; i < 8; i += 2) {
			prefix.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
		}
		return prefix.append(":/64").toString();
	}

	private static InetAddress parse(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException | SecurityException e) {
			return null;
		}
	}

}
