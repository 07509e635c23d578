package dev.truthordare.discovery;

import static org.springframework.security.config.Customizer.withDefaults;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Whoever may register or delete an instance decides where players' traffic goes, so the
 * registry (and its dashboard) needs HTTP basic credentials; only health, info and
 * metrics stay open for probes and scrapers. Eureka clients send no CSRF token, and need
 * none: they authenticate every call, with no session or cookie.
 */
@Configuration
class RegistrySecurity {

	@Bean
	SecurityFilterChain registry(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.anyRequest()
				.authenticated())
			.httpBasic(withDefaults())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	/**
	 * The registry's password is a machine credential every client holds in plain text
	 * (EUREKA_URI); no hash of it is ever stored, so a slow hash protects nothing.
	 * BCrypt, which Boot picked otherwise, cost about 80 ms of CPU on every heartbeat and
	 * fetch: 40 % of a core for eight instances on a 2 s pace. A constant-time comparison
	 * of digests is enough (and does not tell a guesser how much of it matched).
	 */
	@Bean
	PasswordEncoder machineCredential() {
		return new PasswordEncoder() {
			@Override
			public String encode(CharSequence raw) {
				return raw.toString();
			}

			@Override
			public boolean matches(CharSequence raw, String stored) {
				return stored != null && MessageDigest.isEqual(sha256(raw.toString()), sha256(stored));
			}
		};
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JDK has SHA-256", e);
		}
	}

}
