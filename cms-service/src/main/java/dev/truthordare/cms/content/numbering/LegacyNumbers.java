package dev.truthordare.cms.content.numbering;

import dev.truthordare.events.ContentType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Hands out the per-type integer ids the original API's clients read ({@code legacy_id}).
 * One counter document per type, moved only by atomic {@code $inc} and {@code $max}, so
 * several CMS instances never hand out the same number; the unique sparse index on
 * {@code legacyKey} ({@code "truth:17"}) is the last word should a number still clash (an
 * import claiming the number a concurrent create was just given), and the loser takes
 * another.
 */
@Component
public class LegacyNumbers {

	static final String COUNTERS = "legacy_numbers";

	public static final String KEY_FIELD = "legacyKey";

	public static final String NUMBER_FIELD = "legacyId";

	private static final Pattern SEED_ID = Pattern.compile("(truth|dare)-0*([1-9][0-9]{0,8})");

	private final MongoTemplate mongo;

	LegacyNumbers(MongoTemplate mongo) {
		this.mongo = mongo;
		// a single-field sparse index: items not numbered yet (before the backfill) carry
		// no key and never clash
		mongo.indexOps("content")
			.createIndex(new Index().on(KEY_FIELD, Sort.Direction.ASC).unique().sparse().named("legacy_key_unique"));
	}

	/** The next number of this type that nobody holds or held. */
	public int next(ContentType type) {
		Document counter = mongo.findAndModify(Query.query(Criteria.where("_id").is(type.wireName())),
				new Update().inc("last", 1), FindAndModifyOptions.options().upsert(true).returnNew(true),
				Document.class, COUNTERS);
		return counter.get("last", Number.class).intValue();
	}

	/**
	 * Makes sure {@link #next} never hands out {@code number} (or anything below it)
	 * after this returns.
	 */
	public void reserve(ContentType type, int number) {
		mongo.upsert(Query.query(Criteria.where("_id").is(type.wireName())), new Update().max("last", number),
				COUNTERS);
	}

	public static String key(ContentType type, int number) {
		return type.wireName() + ":" + number;
	}

	/** The number a seed catalogue id stands for: {@code truth-017} is truth 17. */
	public static Integer fromSeedId(String id) {
		Matcher matcher = id == null ? null : SEED_ID.matcher(id);
		return matcher != null && matcher.matches() ? Integer.valueOf(matcher.group(2)) : null;
	}

}
