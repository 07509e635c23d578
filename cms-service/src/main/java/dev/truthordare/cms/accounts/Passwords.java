package dev.truthordare.cms.accounts;

import dev.truthordare.cms.web.BadRequestException;
import java.nio.charset.StandardCharsets;

/**
 * BCrypt reads at most 72 bytes of a password and Spring's encoder refuses more, so a
 * longer password is refused when it is set and can never match at login.
 */
final class Passwords {

	static final int MIN_CHARACTERS = 12;

	static final int MAX_BYTES = 72;

	private Passwords() {
	}

	static boolean tooLong(String password) {
		return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
	}

	/** The password, when it is one an account may have; else a 400 problem. */
	static String requireAcceptable(String password) {
		if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS || tooLong(password)) {
			throw new BadRequestException("password must be at least " + MIN_CHARACTERS + " characters and at most "
					+ MAX_BYTES + " bytes in UTF-8 (the limit of BCrypt, which stores it).");
		}
		return password;
	}

}
