package dev.truthordare.translation.web;

import dev.truthordare.events.revocation.AccountStates;
import dev.truthordare.web.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a valid-looking token whose account was disabled, or whose roles or token
 * version moved on since it was issued, as CMS publishes them on {@code cms.accounts.v1}:
 * 401, like an expired token. Until the topic has been read to its end this service
 * cannot know, and refuses every token with 503 (fail closed: a translation write can
 * wait a few seconds, a revoked translator must not get one in).
 */
class TokenRevocationFilter extends OncePerRequestFilter {

	private final AccountStates accounts;

	private final ProblemResponses problems;

	TokenRevocationFilter(AccountStates accounts, ProblemResponses problems) {
		this.accounts = accounts;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			Jwt jwt = token.getToken();
			Long version = jwt.getClaim("ver") instanceof Number number ? number.longValue() : null;
			switch (accounts.check(jwt.getSubject(), version, jwt.getClaimAsStringList("roles"))) {
				case REVOKED -> {
					SecurityContextHolder.clearContext();
					response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
							"Bearer error=\"invalid_token\", error_description=\"The token was revoked\"");
					problems.write(request, response, HttpStatus.UNAUTHORIZED,
							"The bearer token was revoked: its account was disabled or its roles or password changed."
									+ " Log in again.");
					return;
				}
				case NOT_READY -> {
					response.setHeader(HttpHeaders.RETRY_AFTER, "5");
					problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
							"Token revocations are still loading; try again in a few seconds.");
					return;
				}
				case VALID -> {
				}
			}
		}
		chain.doFilter(request, response);
	}

}
