package dev.truthordare.gateway;

import dev.truthordare.events.revocation.AccountStates;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Right after Spring Security has accepted a token (signature, issuer, expiry, role):
 * refuses it with 401 when CMS has revoked it since (account disabled, token version or
 * roles moved on; {@code cms.accounts.v1}). Before the topic has been read to its end the
 * edge does not know, and lets the request on: every service behind checks again (cms
 * against its own store, translation-service refusing until it knows), so the edge never
 * stops staff work that the services would allow.
 */
class TokenRevocationFilter implements WebFilter, Ordered {

	/** Spring Security's filter chain runs at -100; this runs right after it. */
	static final int ORDER = -99;

	private final AccountStates accounts;

	TokenRevocationFilter(AccountStates accounts) {
		this.accounts = accounts;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(JwtAuthenticationToken.class::isInstance)
			.map(authentication -> revoked(((JwtAuthenticationToken) authentication).getToken()))
			.defaultIfEmpty(false)
			.flatMap(revoked -> revoked ? refuse(exchange) : chain.filter(exchange));
	}

	private boolean revoked(Jwt jwt) {
		Long version = jwt.getClaim("ver") instanceof Number number ? number.longValue() : null;
		return accounts.check(jwt.getSubject(), version,
				jwt.getClaimAsStringList("roles")) == AccountStates.Verdict.REVOKED;
	}

	private static Mono<Void> refuse(ServerWebExchange exchange) {
		exchange.getResponse()
			.getHeaders()
			.set(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"invalid_token\", error_description=\"The token was revoked\"");
		return Problems.write(exchange, Problems.of(exchange, HttpStatus.UNAUTHORIZED,
				"The bearer token was revoked: its account was disabled or its roles or password changed. Log in again."));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
