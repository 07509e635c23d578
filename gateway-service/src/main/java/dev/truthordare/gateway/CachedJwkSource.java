package dev.truthordare.gateway;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The token signing keys CMS publishes, fetched once and kept. A token whose key id is
 * not among them triggers a fetch (CMS may have rotated its key) at most once per
 * {@code minRefetchInterval}; in between such tokens are refused from the keys at hand,
 * so a stream of made-up key ids cannot turn every request into a fetch. A failed fetch
 * is retried after a second.
 */
final class CachedJwkSource implements Function<SignedJWT, Flux<JWK>> {

	private static final Duration ERROR_RETRY = Duration.ofSeconds(1);

	private final WebClient web;

	private final String jwkSetUri;

	private final long minRefetchNanos;

	private Mono<JWKSet> keys;

	private long fetchedAtNanos;

	CachedJwkSource(WebClient web, String jwkSetUri, Duration minRefetchInterval) {
		this.web = web;
		this.jwkSetUri = jwkSetUri;
		this.minRefetchNanos = minRefetchInterval.toNanos();
	}

	@Override
	public Flux<JWK> apply(SignedJWT jwt) {
		JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
		return keys(false).flatMapMany(known -> {
			List<JWK> matching = selector.select(known);
			return matching.isEmpty() ? keys(true).flatMapIterable(selector::select) : Flux.fromIterable(matching);
		});
	}

	private synchronized Mono<JWKSet> keys(boolean unknownKey) {
		long now = System.nanoTime();
		if (this.keys == null || (unknownKey && now - this.fetchedAtNanos >= this.minRefetchNanos)) {
			this.fetchedAtNanos = now;
			this.keys = fetch().cache(value -> Duration.ofDays(365), error -> ERROR_RETRY, () -> ERROR_RETRY);
		}
		return this.keys;
	}

	private Mono<JWKSet> fetch() {
		return this.web.get().uri(this.jwkSetUri).retrieve().bodyToMono(String.class).handle((body, sink) -> {
			try {
				sink.next(JWKSet.parse(body));
			}
			catch (ParseException ex) {
				sink.error(new IllegalStateException("the token key set is not a JWK set", ex));
			}
		});
	}

}
