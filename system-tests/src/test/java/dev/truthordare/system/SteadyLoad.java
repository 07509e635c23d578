package dev.truthordare.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A fixed rate of mixed player traffic through the gateway, with a ledger of every
 * answer: random truths and dares with filters (50 %), by-id reads in several languages
 * (30 %), game draws (10 %) and ratings with idempotency keys (10 %, each from its own
 * client and address, as many phones would). Players mostly read; every write is several
 * commands on the one embedded store, which runs one command at a time. Requests are sent
 * on schedule whatever the answers take (an open model): a stalled system shows as slow
 * answers, not as a lower rate.
 */
final class SteadyLoad implements AutoCloseable {

	/**
	 * One request and its answer; {@code status} -1 means no answer (error or timeout).
	 */
	record Outcome(String kind, long sentAtMillis, long tookMillis, int status, String contentType, String retryAfter) {

		boolean failed() {
			return status < 200 || status >= 300;
		}

		boolean isProblem() {
			return contentType != null && contentType.startsWith("application/problem+json");
		}

	}

	/** A rating sent: retried with the same key until it is answered 2xx. */
	record RatingSent(String key, String client, String address, String itemId, int stars) {

		String body() {
			return "{\"content_id\":\"" + itemId + "\",\"rating\":" + stars + "}";
		}

	}

	static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);

	private static final String[] LANGUAGES = { "en", "de", "es", "fr", "pt" };

	private final String gateway;

	private final List<String> truths;

	private final List<String> dares;

	private final List<String> ratedItems;

	private final List<String> games;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

	private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();

	private final ConcurrentLinkedQueue<Outcome> ledger = new ConcurrentLinkedQueue<>();

	/** Requests sent and not answered yet, with when they were sent. */
	private final Map<Object, Long> inFlight = new ConcurrentHashMap<>();

	private volatile long lastAnsweredSentAt;

	/** Every rating sent, by key, with whether it was answered 2xx. */
	private final Map<RatingSent, Boolean> ratings = new ConcurrentHashMap<>();

	SteadyLoad(String gateway, List<String> truths, List<String> dares, List<String> ratedItems, List<String> games) {
		this.gateway = gateway;
		this.truths = List.copyOf(truths);
		this.dares = List.copyOf(dares);
		this.ratedItems = List.copyOf(ratedItems);
		this.games = List.copyOf(games);
	}

	SteadyLoad start(int perSecond) {
		long period = TimeUnit.SECONDS.toMicros(1) / perSecond;
		clock.scheduleAtFixedRate(() -> senders.execute(this::sendOne), 0, period, TimeUnit.MICROSECONDS);
		return this;
	}

	private void sendOne() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int pick = random.nextInt(100);
		String client = "load-" + random.nextInt(200);
		if (pick < 50) {
			String kind = random.nextBoolean() ? "truths" : "dares";
			String filter = random.nextBoolean() ? "max_age_rating=13%2B" : "max_age_rating=all";
			send("random", get("/api/v1/" + kind + "/random?" + filter, client));
		}
		else if (pick < 80) {
			boolean truth = random.nextBoolean();
			List<String> ids = truth ? truths : dares;
			String id = ids.get(random.nextInt(ids.size()));
			send("by-id", get("/api/v2/" + (truth ? "truths/" : "dares/") + id, client).header("Accept-Language",
					LANGUAGES[random.nextInt(LANGUAGES.length)]));
		}
		else if (pick < 90) {
			RatingSent rating = new RatingSent(UUID.randomUUID().toString(), "rater-" + UUID.randomUUID(),
					"10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)),
					ratedItems.get(random.nextInt(ratedItems.size())), 1 + random.nextInt(5));
			ratings.put(rating, false);
			Outcome outcome = send("rating", rate(rating));
			if (!outcome.failed()) {
				ratings.put(rating, true);
			}
		}
		else {
			String game = games.get(random.nextInt(games.size()));
			send("game-draw", get("/api/v1/games/" + game + (random.nextBoolean() ? "/truth" : "/dare"), client));
		}
	}

	private HttpRequest.Builder get(String path, String client) {
		return HttpRequest.newBuilder(URI.create(gateway + path)).header("X-Client-Id", client).GET();
	}

	private HttpRequest.Builder rate(RatingSent rating) {
		return HttpRequest.newBuilder(URI.create(gateway + "/api/v1/ratings"))
			.header("Content-Type", "application/json")
			.header("X-Client-Id", rating.client())
			.header("X-Forwarded-For", rating.address())
			.header("Idempotency-Key", rating.key())
			.POST(HttpRequest.BodyPublishers.ofString(rating.body()));
	}

	private Outcome send(String kind, HttpRequest.Builder request) {
		long sent = System.currentTimeMillis();
		Object token = new Object();
		inFlight.put(token, sent);
		Outcome outcome;
		try {
			HttpResponse<String> response = http.send(request.timeout(CLIENT_TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			outcome = new Outcome(kind, sent, System.currentTimeMillis() - sent, response.statusCode(),
					response.headers().firstValue("Content-Type").orElse(null),
					response.headers().firstValue("Retry-After").orElse(null));
		}
		catch (Exception e) {
			outcome = new Outcome(kind, sent, System.currentTimeMillis() - sent, -1, null, null);
		}
		ledger.add(outcome);
		inFlight.remove(token);
		lastAnsweredSentAt = Math.max(lastAnsweredSentAt, sent);
		return outcome;
	}

	/**
	 * True once everything sent before {@code millis} has its answer in the ledger and
	 * the load has gone on past it: the window up to then is complete.
	 */
	boolean settledUntil(long millis) {
		return lastAnsweredSentAt >= millis && inFlight.values().stream().noneMatch(sent -> sent < millis);
	}

	/**
	 * What a phone does with a rating that failed: sends it again with the same key until
	 * it is answered. Returns the ratings still unanswered (none expected).
	 */
	List<RatingSent> resendUnanswered() {
		List<RatingSent> unanswered = new ArrayList<>();
		ratings.forEach((rating, answered) -> {
			if (!answered) {
				Outcome outcome = send("rating-retry", rate(rating));
				if (outcome.failed()) {
					unanswered.add(rating);
				}
				else {
					ratings.put(rating, true);
				}
			}
		});
		return unanswered;
	}

	/** Ratings answered 2xx, per item. */
	Map<String, Long> answeredRatingsPerItem() {
		Map<String, Long> counts = new ConcurrentHashMap<>();
		ratings.forEach((rating, answered) -> {
			if (answered) {
				counts.merge(rating.itemId(), 1L, Long::sum);
			}
		});
		return counts;
	}

	/**
	 * The answers to requests sent in {@code [fromMillis, toMillis)}, in sending order.
	 */
	List<Outcome> between(long fromMillis, long toMillis) {
		return ledger.stream()
			.filter(o -> o.sentAtMillis() >= fromMillis && o.sentAtMillis() < toMillis)
			.sorted(Comparator.comparingLong(Outcome::sentAtMillis))
			.toList();
	}

	/**
	 * The longest time between the first and the last of a run of failures with no
	 * success in between (0 when nothing failed).
	 */
	static long longestFailureRunMillis(List<Outcome> outcomes) {
		long longest = 0;
		Long runStart = null;
		for (Outcome outcome : outcomes) {
			if (outcome.failed()) {
				runStart = runStart == null ? outcome.sentAtMillis() : runStart;
				longest = Math.max(longest, outcome.sentAtMillis() - runStart);
			}
			else {
				runStart = null;
			}
		}
		return longest;
	}

	/** Stops sending and waits for the answers still on their way. */
	@Override
	public void close() {
		clock.shutdownNow();
		senders.shutdown();
		try {
			senders.awaitTermination(CLIENT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
