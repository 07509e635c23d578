package dev.truthordare.gateway.ratelimit;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Tells the services who is calling: {@code X-Client-Address} carries the client's
 * address as the gateway sees it (the peer, or {@code X-Forwarded-For} from a trusted
 * proxy). The gateway always sets it itself, replacing whatever a client sent, so a
 * service behind the gateway can key per-address rules on it.
 */
@Component
public class ClientAddressFilter implements WebFilter, Ordered {

	/** The header services read the caller's address from. */
	public static final String HEADER = "X-Client-Address";

	private static final String ATTRIBUTE = ClientAddressFilter.class.getName();

	private final ClientKeyResolver resolver;

	ClientAddressFilter(ClientKeyResolver resolver) {
		this.resolver = resolver;
	}

	/** The address this filter put on the exchange, or one resolved now. */
	static String clientAddress(ServerWebExchange exchange, ClientKeyResolver resolver) {
		String address = exchange.getAttribute(ATTRIBUTE);
		return address != null ? address : resolver.clientAddress(exchange);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String address = resolver.clientAddress(exchange);
		ServerWebExchange withAddress = exchange.mutate()
			.request(request -> request.headers(headers -> headers.set(HEADER, address)))
			.build();
		withAddress.getAttributes().put(ATTRIBUTE, address);
		return chain.filter(withAddress);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 2; // after the request id and the edge guard
	}

}
