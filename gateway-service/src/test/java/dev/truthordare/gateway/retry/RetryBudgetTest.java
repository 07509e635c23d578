package dev.truthordare.gateway.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

	private final AtomicLong clock = new AtomicLong(1_000);

	private long retriesGranted(RetryBudget budget, int attempts) {
		return IntStream.range(0, attempts).filter(i -> budget.tryRetry()).count();
	}

	@Test
	void aQuietGatewayMayStillRetryItsMinimumPerSecond() {
		RetryBudget budget = new RetryBudget(0.2, 3, 10, clock::get);

		assertThat(retriesGranted(budget, 100)).isEqualTo(30);
	}

	@Test
	void underLoadRetriesAreAShareOfTheRequests() {
		RetryBudget budget = new RetryBudget(0.2, 1, 10, clock::get);
		IntStream.range(0, 1_000).forEach(i -> budget.recordRequest());

		assertThat(retriesGranted(budget, 1_000)).isEqualTo(200);
	}

	@Test
	void theBudgetRefillsAsOldSecondsLeaveTheWindow() {
		RetryBudget budget = new RetryBudget(0.0, 2, 5, clock::get);
		assertThat(retriesGranted(budget, 50)).isEqualTo(10);

		clock.addAndGet(3);
		assertThat(retriesGranted(budget, 50)).isZero();
		clock.addAndGet(3);
		assertThat(retriesGranted(budget, 50)).isEqualTo(10);
	}

}
