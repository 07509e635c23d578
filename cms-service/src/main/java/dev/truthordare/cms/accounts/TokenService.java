package dev.truthordare.cms.accounts;

import dev.truthordare.web.problem.ApiProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

@Service
public class TokenService {

	public record IssuedToken(String value, Duration expiresIn) {
	}

	/**
	 * Thrown for an unknown user, a wrong password or a disabled account alike, so
	 * callers learn nothing.
	 */
	public static class BadCredentialsException extends ApiProblem {

		BadCredentialsException() {
			super(HttpStatus.UNAUTHORIZED, "Invalid username or password");
		}

	}

	// A real hash to compare against when the user does not exist, so both paths take the
	// same time.
	private static final String TIMING_DECOY = "$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z2K.jH3lS3S7bH9FQ6V0a3yq";

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final JwtEncoder encoder;

	private final SigningKeys keys;

	private final AuthProperties properties;

	private final LoginThrottle throttle;

	private final Counter failures;

	private final Counter refused;

	TokenService(AccountRepository accounts, PasswordEncoder passwordEncoder, JwtEncoder encoder, SigningKeys keys,
			AuthProperties properties, LoginThrottle throttle, MeterRegistry meters) {
		this.throttle = throttle;
		// for operators: a rise of either is password guessing (no username: unbounded)
		this.failures = Counter.builder("cms.login.failures")
			.description("Logins refused for a wrong password, an unknown or a disabled account")
			.register(meters);
		this.refused = Counter.builder("cms.login.refused")
			.description("Logins refused unchecked (429) because the address or the account waits after failures")
			.register(meters);
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.encoder = encoder;
		this.keys = keys;
		this.properties = properties;
	}

	/**
	 * @param address where the login comes from, as {@link ClientAddress} counts it
	 */
	public IssuedToken issue(String username, String password, String address) {
		try {
			throttle.requireAllowed(username, address);
		}
		catch (LoginThrottle.Locked waiting) {
			refused.increment();
			throw waiting;
		}
		Account account = accounts.findById(username).orElse(null);
		String hash = account == null ? TIMING_DECOY : account.passwordHash();
		boolean matches;
		if (Passwords.tooLong(password)) {
			// no account can have a password BCrypt cannot hold; the decoy keeps the time
			// the same
			passwordEncoder.matches("", TIMING_DECOY);
			matches = false;
		}
		else {
			matches = passwordEncoder.matches(password, hash);
		}
		if (account == null || !matches || !account.enabled()) {
			failures.increment();
			throttle.failed(username, address);
			throw new BadCredentialsException();
		}
		throttle.succeeded(username, address);
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(properties.issuer())
			.subject(account.username())
			.issuedAt(now)
			.expiresAt(now.plus(properties.tokenTtl()))
			.claim("roles", account.roles().stream().map(Role::name).sorted().toList())
			// revoked when the account's token version moves on (gateway,
			// translation-service, CMS)
			.claim("ver", account.tokenVersion())
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.rsaKey().getKeyID()).build();
		String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(token, properties.tokenTtl());
	}

}
