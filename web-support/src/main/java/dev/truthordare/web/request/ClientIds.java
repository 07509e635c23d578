package dev.truthordare.web.request;

import dev.truthordare.web.problem.ApiProblem;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * {@code X-Client-Id} identifies a player's device: required on every player write, 1–64
 * safe characters.
 */
public final class ClientIds {

	public static final String HEADER = "X-Client-Id";

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private ClientIds() {
	}

	/**
	 * The client id, or a 400 problem naming the header when it is missing or malformed.
	 */
	public static String require(String clientId) {
		if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, clientId == null
					? "Header X-Client-Id is required: 1–64 characters of letters, digits, '.', '_', ':' or '-'."
					: "Header X-Client-Id is malformed: use 1–64 characters of letters, digits, '.', '_', ':' or '-'.",
					Map.of("header", HEADER));
		}
		return clientId;
	}

}
