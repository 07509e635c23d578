package dev.truthordare.rating.reports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The global brake on automatic hiding: at most {@link ReportPolicy#autoHidesPerHour()}
 * items a clock hour, across every instance (one counter document per hour, taken with a
 * conditional upsert). Past it, a wave of reports — a coordinated attack or a real
 * scandal — only fills the moderators' queue; a person decides.
 */
@Component
public class AutoHideBrake {

	static final String BUDGET = "auto_hide_budget";

	private static final Logger log = LoggerFactory.getLogger(AutoHideBrake.class);

	private final MongoTemplate mongo;

	private final int perHour;

	private final Counter braked;

	AutoHideBrake(MongoTemplate mongo, ReportPolicy policy, MeterRegistry meters) {
		this.mongo = mongo;
		this.perHour = policy.autoHidesPerHour();
		this.braked = Counter.builder("reports.auto.hide.brake")
			.description("Items reports would have hidden, only queued for review because the hourly budget of"
					+ " automatic hides was spent")
			.register(meters);
	}

	/** The budget document of the clock hour {@code at} falls in. */
	public static String window(Instant at) {
		return at.truncatedTo(ChronoUnit.HOURS).toString();
	}

	/**
	 * Takes one automatic hide from this hour's budget; false (and said so) when spent.
	 */
	boolean admit(String contentId) {
		String window = window(Instant.now());
		Query withRoom = Query.query(Criteria.where("_id").is(window).and("count").lt(perHour));
		for (int attempt = 0; attempt < 2 && perHour > 0; attempt++) {
			try {
				mongo.upsert(withRoom, new Update().inc("count", 1), Document.class, BUDGET);
				return true;
			}
			catch (DuplicateKeyException full) {
				// the hour's document exists and has no room (or was created in between:
				// the second attempt decides)
			}
		}
		braked.increment();
		log.warn("Reports are evidence enough to hide {}, but {} items were already hidden automatically this hour:"
				+ " it is only queued for review (metric reports_auto_hide_brake_total)", contentId, perHour);
		return false;
	}

}
