package dev.truthordare.gateway.retry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.stereotype.Component;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Cloud Gateway's {@code Retry} filter (same arguments, used in routes as
 * {@code BudgetedRetry}) with a retry budget shared by every route: a retry happens only
 * when the per-request count and the budget both allow it. When the budget is spent the
 * service's answer (or the breaker's fallback) goes back to the client as it is.
 */
@Component
public class BudgetedRetryGatewayFilterFactory extends RetryGatewayFilterFactory {

	private final RetryBudget budget;

	private final Counter refused;

	BudgetedRetryGatewayFilterFactory(RetryBudgetProperties properties, MeterRegistry meters) {
		this.budget = new RetryBudget(properties.ratio(), properties.minPerSecond(),
				(int) properties.window().toSeconds(), () -> System.currentTimeMillis() / 1000);
		this.refused = Counter.builder("gateway.retry.budget.exhausted")
			.description("retries the gateway did not make because the retry budget was spent")
			.register(meters);
	}

	@Override
	public GatewayFilter apply(RetryConfig config) {
		GatewayFilter retrying = super.apply(config);
		return (exchange, chain) -> {
			budget.recordRequest();
			return retrying.filter(exchange, chain);
		};
	}

	/**
	 * Asked before every possible retry, and also after every answer, retryable or not.
	 * The budget is consulted (and spent) only when the retry filter is about to retry: a
	 * configured method with no answer (a connection error) or a configured status.
	 */
	@Override
	public boolean exceedsMaxIterations(ServerWebExchange exchange, RetryConfig config) {
		if (super.exceedsMaxIterations(exchange, config)) {
			return true;
		}
		if (!wouldRetry(exchange, config)) {
			return false;
		}
		if (budget.tryRetry()) {
			return false;
		}
		refused.increment();
		return true;
	}

	private static boolean wouldRetry(ServerWebExchange exchange, RetryConfig config) {
		if (!config.getMethods().contains(exchange.getRequest().getMethod())) {
			return false;
		}
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		if (status == null) {
			return true;
		}
		HttpStatus known = HttpStatus.resolve(status.value());
		return known != null && (config.getStatuses().contains(known) || config.getSeries().contains(known.series()));
	}

}
