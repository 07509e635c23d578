package dev.truthordare.content.catalog;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentType;
import dev.truthordare.events.ContentVocabulary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * This instance's in-memory view of the items players may see: loaded from the projection
 * at start and kept current by the content and rating streams. Random picks and lookups
 * never touch the database; {@link Buckets} explains why a pick is O(1) and never sees an
 * item half-moved.
 *
 * <p>
 * The content and rating listeners run on different threads, so each brings only the part
 * it owns, and the index merges it under one lock, by that part's own version: an older
 * snapshot or rating, a replay, or a copy read before a newer snapshot was applied never
 * puts an older state back.
 *
 * <p>
 * Just over 300 lines because {@link Query} lives here as the index's own query language;
 * the buckets are {@link Buckets} and {@link Bucket}.
 */
public class ServableIndex {

	/**
	 * Age ratings from the mildest; an item is served when its level is at most the
	 * request's limit.
	 */
	public static final List<String> AGE_RATINGS = ContentVocabulary.AGE_RATINGS;

	/**
	 * What a pick or a listing asks for: the indexed part (type, categories,
	 * difficulties, age limit), a filter on the packed {@link Traits} and a residual
	 * predicate on the item itself. Start from {@link #of} and narrow it; every step
	 * returns a new query.
	 */
	public static final class Query {

		private final ContentType type;

		private final Set<String> categories;

		private final Set<String> difficulties;

		private final int maxAgeLevel;

		private final LongPredicate traits;

		private final Predicate<ProjectedItem> residual;

		private Query(ContentType type, Set<String> categories, Set<String> difficulties, int maxAgeLevel,
				LongPredicate traits, Predicate<ProjectedItem> residual) {
			this.type = Objects.requireNonNull(type);
			this.categories = categories;
			this.difficulties = difficulties;
			this.maxAgeLevel = maxAgeLevel;
			this.traits = traits;
			this.residual = residual;
		}

		/** Every servable item of a type, whatever its age rating. */
		public static Query of(ContentType type) {
			return new Query(type, null, null, AGE_RATINGS.size() - 1, null, null);
		}

		/** Only items in one of these categories; none given means any category. */
		public Query inCategories(Collection<String> values) {
			return new Query(type, copy(values), difficulties, maxAgeLevel, traits, residual);
		}

		public Query inCategory(String value) {
			return inCategories(Set.of(value));
		}

		/** Only items of one of these difficulties; none given means any difficulty. */
		public Query ofDifficulties(Collection<String> values) {
			return new Query(type, categories, copy(values), maxAgeLevel, traits, residual);
		}

		public Query ofDifficulty(String value) {
			return ofDifficulties(Set.of(value));
		}

		/** Only items rated at most {@code AGE_RATINGS.get(level)}. */
		public Query upToAgeLevel(int level) {
			return new Query(type, categories, difficulties, level, traits, residual);
		}

		/**
		 * Also requires these packed {@link Traits} ({@code null}: nothing more), tested
		 * beside the bucket.
		 */
		public Query withTraits(LongPredicate more) {
			return more == null ? this : new Query(type, categories, difficulties, maxAgeLevel,
					traits == null ? more : traits.and(more), residual);
		}

		/** Also requires a predicate on the item itself ({@code null}: nothing more). */
		public Query and(Predicate<ProjectedItem> more) {
			return more == null ? this : new Query(type, categories, difficulties, maxAgeLevel, traits,
					residual == null ? more : residual.and(more));
		}

		public ContentType type() {
			return type;
		}

		/** The categories asked for, or {@code null} for any. */
		public Set<String> categories() {
			return categories;
		}

		/** The difficulties asked for, or {@code null} for any. */
		public Set<String> difficulties() {
			return difficulties;
		}

		public int maxAgeLevel() {
			return maxAgeLevel;
		}

		public LongPredicate traits() {
			return traits;
		}

		public Predicate<ProjectedItem> residual() {
			return residual;
		}

		boolean matches(ProjectedItem item) {
			ContentSnapshot s = item.snapshot();
			return s.type() == type && ageLevel(s.ageRating()) <= maxAgeLevel
					&& (categories == null || categories.contains(s.category()))
					&& (difficulties == null || difficulties.contains(s.difficulty()))
					&& (traits == null || traits.test(Traits.of(item))) && (residual == null || residual.test(item));
		}

		private static Set<String> copy(Collection<String> values) {
			return values == null || values.isEmpty() ? null : Set.copyOf(values);
		}

	}

	public record Page(List<ProjectedItem> items, int total) {
	}

	/**
	 * The newest snapshot and rating known for an item, and its entry in the buckets
	 * while it is servable.
	 */
	private record Held(ContentSnapshot snapshot, ProjectedItem.Rating rating, Bucket.Entry entry) {
	}

	private final Buckets buckets = new Buckets();

	/**
	 * Every item the streams have mentioned, servable or not, so that an older copy of
	 * any of them is recognised.
	 */
	private final Map<String, Held> held = new ConcurrentHashMap<>();

	private final Map<ContentType, ConcurrentSkipListMap<String, ProjectedItem>> ordered = new EnumMap<>(
			ContentType.class);

	private final Fingerprint fingerprint = new Fingerprint();

	public ServableIndex() {
		for (ContentType type : ContentType.values()) {
			ordered.put(type, new ConcurrentSkipListMap<>());
		}
	}

	public static int ageLevel(String ageRating) {
		if (ageRating == null) {
			return 0;
		}
		int level = AGE_RATINGS.indexOf(ageRating);
		return level < 0 ? AGE_RATINGS.size() - 1 : level; // an unknown rating is treated
															// as the strictest
	}

	/**
	 * Applies what the projection holds for an item: its snapshot and its rating, each
	 * only if newer than held.
	 */
	public void put(ProjectedItem item) {
		merge(item.id(), item.snapshot(), item.rating());
	}

	/**
	 * Applies a CMS snapshot unless the index already holds this version or a newer one.
	 */
	public void applySnapshot(ContentSnapshot snapshot) {
		merge(snapshot.id(), snapshot, null);
	}

	/**
	 * Applies a rating summary unless the index already holds this version or a newer one
	 * for the item.
	 */
	public void applyRating(String id, ProjectedItem.Rating rating) {
		merge(id, null, rating);
	}

	/**
	 * Writers take turns here; readers never wait for it (the buckets move in one step
	 * under their own lock).
	 */
	private synchronized void merge(String id, ContentSnapshot snapshot, ProjectedItem.Rating rating) {
		Held current = held.get(id);
		ContentSnapshot heldSnapshot = current == null ? null : current.snapshot();
		ProjectedItem.Rating heldRating = current == null ? null : current.rating();
		boolean newerSnapshot = snapshot != null
				&& (heldSnapshot == null || snapshot.version() > heldSnapshot.version());
		boolean newerRating = rating != null && (heldRating == null || rating.version() > heldRating.version());
		if (!newerSnapshot && !newerRating) {
			return; // a replay or an older copy: what is held is at least as new
		}
		ProjectedItem item = new ProjectedItem(id, newerSnapshot ? snapshot : heldSnapshot,
				newerRating ? rating : heldRating);
		Bucket.Entry previous = current == null ? null : current.entry();
		Bucket.Entry next = item.isServable() ? new Bucket.Entry(item) : null;
		buckets.replace(previous, next);
		if (previous != null) {
			ordered.get(previous.item.snapshot().type()).remove(id);
		}
		if (next != null) {
			ordered.get(item.snapshot().type()).put(id, item);
		}
		held.put(id, new Held(item.snapshot(), item.rating(), next));
		fingerprint.replace(current == null ? null : Fingerprint.Versions.of(id, heldSnapshot, heldRating),
				Fingerprint.Versions.of(id, item.snapshot(), item.rating()));
	}

	/**
	 * Part of the ETags of everything derived from the index: alike on every instance
	 * holding the same versions ({@link Fingerprint}), so a 304 holds across instances.
	 */
	public long fingerprint() {
		return fingerprint.value();
	}

	public Optional<ProjectedItem> find(ContentType type, String id) {
		return find(id).filter(item -> item.snapshot().type() == type);
	}

	/** The item, if it is servable. */
	public Optional<ProjectedItem> find(String id) {
		return Optional.ofNullable(held.get(id)).map(Held::entry).map(entry -> entry.item);
	}

	/** A uniformly random servable item matching the query, or empty when none does. */
	public Optional<ProjectedItem> pickRandom(Query query) {
		return buckets.pickRandom(query);
	}

	/** Every servable item matching the query (a scan of its buckets), in id order. */
	public List<ProjectedItem> matching(Query query) {
		return buckets.matching(query);
	}

	/** Number of items in the indexed part of a query, O(number of buckets). */
	public int count(Query query) {
		return buckets.count(query);
	}

	/** A page of the items matching the query, in id order. */
	public Page page(Query query, int offset, int limit) {
		List<ProjectedItem> items = new ArrayList<>(Math.min(limit, 128));
		int total = 0;
		for (ProjectedItem item : ordered.get(query.type()).values()) {
			if (query.matches(item)) {
				if (total >= offset && items.size() < limit) {
					items.add(item);
				}
				total++;
			}
		}
		return new Page(items, total);
	}

	/** Every servable item, in no particular order. */
	public Stream<ProjectedItem> all() {
		return held.values().stream().map(Held::entry).filter(Objects::nonNull).map(entry -> entry.item);
	}

	public Map<ContentType, Long> countByType() {
		Map<ContentType, Long> counts = new EnumMap<>(ContentType.class);
		for (ContentType type : ContentType.values()) {
			counts.put(type, (long) count(Query.of(type)));
		}
		return counts;
	}

}
