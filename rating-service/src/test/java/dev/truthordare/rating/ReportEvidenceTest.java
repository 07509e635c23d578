package dev.truthordare.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.truthordare.events.ContentReported;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.rating.reports.AutoHideBrake;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * When reports take an item out of play ({@code hide} in the published report): distinct
 * networks, more of them for items many players have seen, counted anew and more of them
 * after a moderator kept the item, and never more than the hourly budget.
 */
class ReportEvidenceTest extends RatingServiceTestSupport {

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MeterRegistry meters;

	private int reported;

	private void report(String contentId, String client, String address) {
		assertThat(
				post("/api/v1/reports", client, "{\"content_id\":\"" + contentId + "\",\"reason_code\":\"OFFENSIVE\"}",
						"X-Client-Address", address)
					.getStatusCode()
					.value())
			.isEqualTo(201);
	}

	private List<Boolean> hides(String contentId, int expected) {
		return reportsOf(contentId, expected).stream().map(ContentReported::hide).toList();
	}

	@Test
	void fakeClientIdsFromOneNetworkNeverHideAnItemThreeNetworksDo() {
		for (int i = 1; i <= 5; i++) {
			report("rep-one-network", "fake-" + i, "198.51.100." + i);
		}
		assertThat(hides("rep-one-network", 5)).containsExactly(false, false, false, false, false);

		report("rep-one-network", "player-b", "203.0.113.20");
		report("rep-one-network", "player-c", "2001:db8:7:1::20");
		assertThat(hides("rep-one-network", 7)).endsWith(false, true);
	}

	@Test
	void anItemManyPlayersRatedNeedsFiveNetworks() {
		for (int i = 0; i < 100; i++) {
			rate("fan-" + i, "rep-exposed", 4);
		}
		// exposure 100 ratings + 1..5 reports: ceil(2 * log10(101..105)) = 5 networks
		for (int i = 1; i <= 5; i++) {
			report("rep-exposed", "critic-" + i, "192.0." + (10 + i) + ".1");
		}
		assertThat(hides("rep-exposed", 5)).containsExactly(false, false, false, false, true);
	}

	@Test
	void afterAModeratorKeepsTheItemReportsCountAnewAndTwiceAsManyNetworksAreNeeded() {
		for (int i = 1; i <= 3; i++) {
			report("rep-reapproved", "first-wave-" + i, "198.18." + i + ".1");
		}
		assertThat(hides("rep-reapproved", 3)).containsExactly(false, false, true);

		cmsSays("rep-reapproved", ContentStatus.FLAGGED, 2);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> http().get()
				.uri("/api/v1/ratings/rep-reapproved")
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value() == 404);
		cmsSays("rep-reapproved", ContentStatus.APPROVED, 3);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> http().get()
				.uri("/api/v1/ratings/rep-reapproved")
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value() == 200);

		// one more report (the attack the count that never reset allowed) hides nothing,
		// nor do five: six networks since the re-approval are needed
		for (int i = 1; i <= 6; i++) {
			report("rep-reapproved", "second-wave-" + i, "198.19." + i + ".1");
		}
		assertThat(hides("rep-reapproved", 9).subList(3, 9)).containsExactly(false, false, false, false, false, true);
	}

	@Test
	void pastTheHourlyBudgetReportsOnlyQueueTheItemAndTheBrakeIsCounted() {
		String window = AutoHideBrake.window(Instant.now());
		Document before = mongo.findById(window, Document.class, "auto_hide_budget");
		Query thisHour = Query.query(Criteria.where("_id").is(window));
		double braked = meters.counter("reports.auto.hide.brake").count();
		mongo.upsert(thisHour, Update.update("count", 10), "auto_hide_budget");
		try {
			for (int i = 1; i <= 3; i++) {
				report("rep-braked", "braked-" + i, "172.16." + i + ".1");
			}
			assertThat(hides("rep-braked", 3)).containsExactly(false, false, false);
			assertThat(meters.counter("reports.auto.hide.brake").count()).isEqualTo(braked + 1);
		}
		finally {
			mongo.upsert(thisHour, Update.update("count", before == null ? 0 : before.get("count")),
					"auto_hide_budget");
		}
		// budget back: the next network's report hides the item
		report("rep-braked", "braked-4", "172.16.4.1");
		assertThat(hides("rep-braked", 4)).endsWith(true);
	}

}
