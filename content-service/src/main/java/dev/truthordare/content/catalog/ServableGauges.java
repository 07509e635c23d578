package dev.truthordare.content.catalog;

import dev.truthordare.events.ContentType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code content_servable_items{type, max_age_rating}}: how many items this instance can
 * serve to a player asking for that type up to that age rating (4 types x 3 ratings). A
 * bucket running empty shows before players get "no item matches"; instances that
 * disagree show one that has not caught up.
 */
@Component
class ServableGauges {

	ServableGauges(ServableIndex index, MeterRegistry meters) {
		for (ContentType type : ContentType.values()) {
			for (String ageRating : ServableIndex.AGE_RATINGS) {
				ServableIndex.Query query = ServableIndex.Query.of(type)
					.upToAgeLevel(ServableIndex.ageLevel(ageRating));
				Gauge.builder("content.servable.items", index, held -> held.count(query))
					.description("Items this instance serves for the type, up to the age rating")
					.tag("type", type.wireName())
					.tag("max_age_rating", ageRating)
					.register(meters);
			}
		}
	}

}
