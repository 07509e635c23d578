package dev.truthordare.content.catalog;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * How long a CMS decision (approve, reject, flag, archive, an edit) took to be served by
 * this instance: from the snapshot's {@code updated_at}, stamped by CMS when the decision
 * was stored, to the moment this instance's index applied it. The SLO "99 % of moderation
 * decisions served within 5 s" is read from its {@code le="5.0"} bucket.
 *
 * <p>
 * Only decisions taken while this instance runs are measured: a snapshot older than the
 * instance is catch-up at start (readiness covers that), and counting it would make every
 * restart look like a propagation outage. The status tag has five values.
 */
@Component
class ProjectionDelay {

	static final String NAME = "content.projection.delay";

	private final Clock clock;

	private final Instant startedAt;

	private final Map<ContentStatus, Timer> timers = new EnumMap<>(ContentStatus.class);

	ProjectionDelay(MeterRegistry meters) {
		this.clock = Clock.systemUTC();
		this.startedAt = clock.instant();
		for (ContentStatus status : ContentStatus.values()) {
			timers.put(status,
					Timer.builder(NAME)
						.description("From a CMS decision (the snapshot's updated_at) to this instance serving it")
						.tag("status", status.name())
						.serviceLevelObjectives(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
								Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
								Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5))
						.register(meters));
		}
	}

	/** Records one applied snapshot, if CMS decided it while this instance ran. */
	void applied(ContentSnapshot snapshot) {
		Instant decided = snapshot.updatedAt();
		if (decided == null || decided.isBefore(startedAt) || snapshot.status() == null) {
			return;
		}
		Duration delay = Duration.between(decided, clock.instant());
		// clocks of two machines may disagree by a few milliseconds
		timers.get(snapshot.status()).record(delay.isNegative() ? Duration.ZERO : delay);
	}

}
