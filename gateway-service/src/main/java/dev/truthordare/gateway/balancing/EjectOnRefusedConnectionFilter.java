package dev.truthordare.gateway.balancing;

import java.net.ConnectException;
import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Right after the load balancer chose an instance: when connecting to it fails, ejects
 * it, so the route's retry (and every other request) goes elsewhere. Only a refused or
 * failed connection counts: a reset after the request was sent says nothing certain about
 * the instance.
 */
@Component
class EjectOnRefusedConnectionFilter implements GlobalFilter, Ordered {

	private final Ejections ejections;

	EjectOnRefusedConnectionFilter(Ejections ejections) {
		this.ejections = ejections;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return chain.filter(exchange).doOnError(error -> {
			if (isConnectFailure(error)) {
				ejections.eject(exchange.<URI>getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR));
			}
		});
	}

	static boolean isConnectFailure(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
	}

}
