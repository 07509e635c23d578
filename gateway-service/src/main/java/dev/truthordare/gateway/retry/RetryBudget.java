package dev.truthordare.gateway.retry;

import java.util.function.LongSupplier;

/**
 * How many retries the gateway may add, over all requests of the last {@code window}
 * seconds: at most {@code ratio} of the requests, but always {@code minPerSecond} per
 * second so that a quiet gateway can still retry. When a service is down every request
 * fails; per-request retry counts alone would then triple the load on it just as it tries
 * to come back. The budget keeps retries a small fraction instead.
 */
final class RetryBudget {

	private final double ratio;

	private final long minPerWindow;

	private final int window;

	private final LongSupplier clockSeconds;

	private final long[] second;

	private final long[] requests;

	private final long[] retries;

	RetryBudget(double ratio, int minPerSecond, int windowSeconds, LongSupplier clockSeconds) {
		if (ratio < 0 || minPerSecond < 0 || windowSeconds < 1) {
			throw new IllegalArgumentException("a retry budget needs ratio >= 0, min-per-second >= 0, window >= 1s");
		}
		this.ratio = ratio;
		this.minPerWindow = (long) minPerSecond * windowSeconds;
		this.window = windowSeconds;
		this.clockSeconds = clockSeconds;
		this.second = new long[windowSeconds];
		this.requests = new long[windowSeconds];
		this.retries = new long[windowSeconds];
	}

	synchronized void recordRequest() {
		requests[slot()]++;
	}

	/**
	 * Whether one more retry fits; when it does, it is counted against the budget at
	 * once.
	 */
	synchronized boolean tryRetry() {
		int now = slot();
		long oldest = second[now] - window;
		long requestsInWindow = 0;
		long retriesInWindow = 0;
		for (int i = 0; i < window; i++) {
			if (second[i] > oldest) { // a slot last used more than a window ago holds
										// nothing that counts
				requestsInWindow += requests[i];
				retriesInWindow += retries[i];
			}
		}
		if (retriesInWindow >= Math.max(minPerWindow, (long) (ratio * requestsInWindow))) {
			return false;
		}
		retries[now]++;
		return true;
	}

	/** The slot of the current second, emptied when it last held an older second. */
	private int slot() {
		long now = clockSeconds.getAsLong();
		int index = (int) Math.floorMod(now, (long) window);
		if (second[index] != now) {
			second[index] = now;
			requests[index] = 0;
			retries[index] = 0;
		}
		return index;
	}

}
