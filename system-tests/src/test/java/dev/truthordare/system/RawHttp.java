package dev.truthordare.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests {@code java.net.http} refuses to send: CR/LF
 * or raw non-ASCII bytes in headers, illegal characters in the request target,
 * conflicting framing headers. One request per connection ({@code Connection: close} is
 * added unless the raw bytes say otherwise); the answer is read until the server closes.
 */
final class RawHttp {

	/**
	 * What came back: status, headers with lower-case names, body decoded as UTF-8
	 * (chunked framing removed).
	 */
	record Reply(int status, Map<String, List<String>> headers, String body) {
		String header(String name) {
			List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
			return values == null || values.isEmpty() ? null : values.getFirst();
		}
	}

	private final String host;

	private final int port;

	RawHttp(String baseUrl) {
		URI uri = URI.create(baseUrl);
		this.host = uri.getHost();
		this.port = uri.getPort();
	}

	/**
	 * Builds the request: request line, {@code Host}, the given header lines as they are,
	 * then the body.
	 */
	byte[] request(String method, String target, List<String> headerLines, byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes((method + " " + target + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
		out.writeBytes(("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.UTF_8));
		for (String line : headerLines) {
			out.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		if (body != null && headerLines.stream()
			.noneMatch(line -> line.regionMatches(true, 0, "Content-Length", 0, 14)
					|| line.regionMatches(true, 0, "Transfer-Encoding", 0, 17))) {
			out.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.UTF_8));
		}
		out.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
		if (body != null) {
			out.writeBytes(body);
		}
		return out.toByteArray();
	}

	/**
	 * Sends the bytes as they are and reads the answer until the server closes the
	 * connection.
	 */
	Reply send(byte[] request) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 5_000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException refusedMidway) {
				// a server may answer (413, 414, 431) and close before reading
				// everything: read what it said
			}
			return parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n; (n = in.read(buffer)) != -1;) {
				answer.write(buffer, 0, n);
			}
		}
		catch (IOException reset) {
			if (answer.size() == 0) {
				throw reset;
			}
		}
		return answer.toByteArray();
	}

	static Reply parse(byte[] raw) throws IOException {
		int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
		if (headEnd < 0) {
			throw new IOException("no complete HTTP answer (" + raw.length + " bytes): "
					+ new String(raw, StandardCharsets.ISO_8859_1));
		}
		String[] lines = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
		String[] statusLine = lines[0].split(" ", 3);
		if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
			throw new IOException("not an HTTP status line: " + lines[0]);
		}
		int status = Integer.parseInt(statusLine[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers
					.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
							name -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).strip());
			}
		}
		byte[] body = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
		List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
		if (encoding.stream().anyMatch(value -> value.toLowerCase(Locale.ROOT).contains("chunked"))) {
			body = dechunk(body);
		}
		else if (headers.containsKey("content-length")) {
			int length = Integer.parseInt(headers.get("content-length").getFirst());
			body = java.util.Arrays.copyOf(body, Math.min(length, body.length));
		}
		return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = indexOf(chunked, new byte[] { '\r', '\n' }, at);
			if (lineEnd < 0) {
				break;
			}
			String sizeField = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
			int size = Integer.parseInt(sizeField, 16);
			if (size == 0) {
				break;
			}
			body.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
			at = lineEnd + 2 + size + 2;
		}
		return body.toByteArray();
	}

	private static int indexOf(byte[] data, byte[] pattern, int from) {
		outer: for (int i = from; i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
