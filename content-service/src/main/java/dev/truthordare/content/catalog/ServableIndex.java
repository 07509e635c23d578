package dev.truthordare.content.catalog;

import dev.truthordare.events.ContentVocabulary;
import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * This instance's in-memory view of the items players may see: loaded from the projection at start and kept current
 * by the content stream. Random picks and lookups never touch the database.
 *
 * <h2>The O(1) pick</h2>
 * Every servable item sits in a handful of <em>buckets</em>, each an array with swap-remove (O(1) add, O(1) remove,
 * uniform O(1) pick by index). A bucket is keyed by {@code type × max_age_rating × category × difficulty}, where
 * {@code max_age_rating} is cumulative (an {@code all} item is also in the {@code 13+} and {@code 18+} buckets, so a
 * {@code max_age_rating} filter is one bucket, not a union) and category and difficulty may each be {@code *}
 * ("any"). An item therefore belongs to at most 3 × 4 = 12 buckets, whatever the size of the catalogue.
 * <ul>
 *   <li>A query on type, max_age_rating, one category and/or one difficulty is exactly one bucket: one random index.</li>
 *   <li>Several values of one filter ({@code category=funny&category=deep}) are disjoint buckets: the pick chooses a
 *       bucket with probability proportional to its size, then an index in it. Cost grows with the number of values
 *       asked for (at most 5 categories × 4 difficulties), never with the catalogue.</li>
 *   <li>The remaining filters (indoor, outdoor, max_duration, players, props, v2 min_rating, and a game's "not drawn
 *       yet") are too many combinations to index; they are applied by rejection: draw from the bucket, keep the item if
 *       it passes. All but the game's are tested on {@link Traits} packed in an array beside the bucket's items, so a
 *       rejected draw costs one array read, not a walk through the item's objects. Uniform over the matching items, and O(1) expected while a reasonable share of the bucket matches.
 *       After {@value #REJECTION_ATTEMPTS} misses the combination is rare (or empty) and the pick falls back to a scan
 *       of the bucket, which is then also the only way to prove that nothing matches. Capped rejection followed by a
 *       uniform choice among the matches is still exactly uniform.</li>
 * </ul>
 *
 * <h2>Consistency</h2>
 * Writers (the stream consumers, a few per second at most) take a {@link StampedLock} write lock and update the
 * buckets of one item together. Readers (thousands per second) read optimistically without locking and re-read under the
 * read lock only if a write happened meanwhile, so a pick never sees an item half-moved between buckets, and the hot
 * path never contends with other readers.
 */
public class ServableIndex {

    /** Age ratings from the mildest; an item is served when its level is at most the request's limit. */
    public static final List<String> AGE_RATINGS = ContentVocabulary.AGE_RATINGS;
    static final String ANY = "*";
    static final int REJECTION_ATTEMPTS = 64;
    /** Marks a pick whose traits failed the query: try again, unlike {@code null}, which means "nothing here". */
    private static final ProjectedItem REJECTED = new ProjectedItem("", null, null);
    private static final int SLOTS = AGE_RATINGS.size() * 4;

    /**
     * What a pick or a listing asks for: the indexed part, a filter on the packed {@link Traits} ({@code null} = none)
     * and a residual predicate on the item itself ({@code null} = none).
     */
    public record Query(ContentType type, Set<String> categories, Set<String> difficulties, int maxAgeLevel,
            LongPredicate traits, Predicate<ProjectedItem> residual) {

        public Query {
            categories = categories == null || categories.isEmpty() ? null : Set.copyOf(categories);
            difficulties = difficulties == null || difficulties.isEmpty() ? null : Set.copyOf(difficulties);
        }

        public Query(ContentType type, Set<String> categories, Set<String> difficulties, int maxAgeLevel,
                Predicate<ProjectedItem> residual) {
            this(type, categories, difficulties, maxAgeLevel, null, residual);
        }

        public static Query of(ContentType type) {
            return new Query(type, null, null, AGE_RATINGS.size() - 1, null, null);
        }

        public Query and(Predicate<ProjectedItem> more) {
            return new Query(type, categories, difficulties, maxAgeLevel, traits,
                    residual == null ? more : residual.and(more));
        }

        boolean matches(ProjectedItem item) {
            ContentSnapshot s = item.snapshot();
            return s.type() == type && ageLevel(s.ageRating()) <= maxAgeLevel
                    && (categories == null || categories.contains(s.category()))
                    && (difficulties == null || difficulties.contains(s.difficulty()))
                    && (traits == null || traits.test(Traits.of(item)))
                    && (residual == null || residual.test(item));
        }
    }

    private record BucketKey(ContentType type, int maxAgeLevel, String category, String difficulty) {
    }

    /** The newest snapshot and rating known for an item, and its entry in the buckets while it is servable. */
    private record Held(ContentSnapshot snapshot, ProjectedItem.Rating rating, Entry entry) {
    }

    /** One servable item and its position in each bucket it belongs to. */
    private static final class Entry {
        final ProjectedItem item;
        final long traits;
        final int[] positions = new int[SLOTS];
        final Bucket[] buckets = new Bucket[SLOTS];

        Entry(ProjectedItem item) {
            this.item = item;
            this.traits = Traits.of(item);
        }
    }

    /**
     * An array with swap-remove. {@code slot} is the same in every entry of the bucket: age level × key kind.
     * {@code items} mirrors {@code members} so that a pick reads one array slot and nothing else: with a million items
     * the entries are scattered over the heap, and following a pointer to one costs a cache miss per pick.
     */
    private static final class Bucket {
        final int slot;
        volatile Entry[] members = new Entry[8];
        volatile ProjectedItem[] items = new ProjectedItem[8];
        volatile long[] traits = new long[8];
        volatile int size;

        Bucket(int slot) {
            this.slot = slot;
        }

        void add(Entry entry) {
            Entry[] array = members;
            ProjectedItem[] mirror = items;
            long[] packed = traits;
            if (size == array.length) {
                array = Arrays.copyOf(array, array.length * 2);
                mirror = Arrays.copyOf(mirror, mirror.length * 2);
                packed = Arrays.copyOf(packed, packed.length * 2);
                members = array;
                items = mirror;
                traits = packed;
            }
            array[size] = entry;
            mirror[size] = entry.item;
            packed[size] = entry.traits;
            entry.positions[slot] = size;
            entry.buckets[slot] = this;
            size = size + 1;
        }

        void remove(Entry entry) {
            Entry[] array = members;
            ProjectedItem[] mirror = items;
            long[] packed = traits;
            int position = entry.positions[slot];
            int last = size - 1;
            Entry moved = array[last];
            array[position] = moved;
            mirror[position] = mirror[last];
            packed[position] = packed[last];
            moved.positions[slot] = position;
            array[last] = null;
            mirror[last] = null;
            size = last;
            entry.buckets[slot] = null;
        }
    }

    private final StampedLock lock = new StampedLock();
    private final Map<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();
    /** Every item the stream has mentioned, servable or not, so that an older copy of any of them is recognised. */
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<ContentType, ConcurrentSkipListMap<String, ProjectedItem>> ordered = new EnumMap<>(ContentType.class);
    private final AtomicLong revision = new AtomicLong();

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
        return level < 0 ? AGE_RATINGS.size() - 1 : level; // an unknown rating is treated as the strictest
    }

    /**
     * Applies what the projection holds for an item, part by part: its snapshot only if newer than the one held, its
     * rating only if newer than the one held. A copy read before a newer snapshot was applied therefore never puts
     * the older state back.
     */
    public void put(ProjectedItem item) {
        merge(item.id(), item.snapshot(), item.rating());
    }

    /** Applies a CMS snapshot unless the index already holds this version or a newer one. */
    public void applySnapshot(ContentSnapshot snapshot) {
        merge(snapshot.id(), snapshot, null);
    }

    /** Applies a rating summary to the item's held state unless it already has this version or a newer one. */
    public void applyRating(String id, ProjectedItem.Rating rating) {
        merge(id, null, rating);
    }

    /**
     * One atomic read-merge-write per item: each handler brings only the part it owns, so whatever order the content
     * and rating consumers run in, the held state is the newest snapshot with the newest rating.
     */
    private void merge(String id, ContentSnapshot snapshot, ProjectedItem.Rating rating) {
        long stamp = lock.writeLock();
        try {
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
            Entry previous = current == null ? null : current.entry();
            if (previous != null) {
                for (Bucket bucket : previous.buckets) {
                    if (bucket != null) {
                        bucket.remove(previous);
                    }
                }
                ordered.get(previous.item.snapshot().type()).remove(id);
            }
            Entry entry = null;
            if (item.isServable()) {
                entry = new Entry(item);
                ContentSnapshot s = item.snapshot();
                String category = s.category() == null ? "" : s.category();
                String difficulty = s.difficulty() == null ? "" : s.difficulty();
                for (int level = ageLevel(s.ageRating()); level < AGE_RATINGS.size(); level++) {
                    bucket(s.type(), level, ANY, ANY, 0).add(entry);
                    bucket(s.type(), level, category, ANY, 1).add(entry);
                    bucket(s.type(), level, ANY, difficulty, 2).add(entry);
                    bucket(s.type(), level, category, difficulty, 3).add(entry);
                }
                ordered.get(s.type()).put(id, item);
            }
            held.put(id, new Held(item.snapshot(), item.rating(), entry));
            revision.incrementAndGet();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private Bucket bucket(ContentType type, int level, String category, String difficulty, int kind) {
        return buckets.computeIfAbsent(new BucketKey(type, level, category, difficulty),
                key -> new Bucket(level * 4 + kind));
    }

    /** Changes with every applied update: part of the ETags of everything derived from the index. */
    public long revision() {
        return revision.get();
    }

    public Optional<ProjectedItem> find(ContentType type, String id) {
        return find(id).filter(item -> item.snapshot().type() == type);
    }

    /** The item if it is servable. */
    public Optional<ProjectedItem> find(String id) {
        return Optional.ofNullable(held.get(id)).map(Held::entry).map(e -> e.item);
    }

    /** A uniformly random servable item matching the query, or empty when none does. */
    public Optional<ProjectedItem> pickRandom(Query query) {
        List<BucketKey> keys = keys(query);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < REJECTION_ATTEMPTS; attempt++) {
            ProjectedItem candidate = pickOnce(keys, query.traits(), random);
            if (candidate == null) {
                return Optional.empty(); // the indexed part alone is empty
            }
            if (candidate != REJECTED && (query.residual() == null || query.residual().test(candidate))) {
                return Optional.of(candidate);
            }
        }
        List<ProjectedItem> matches = scan(keys, query.traits(), query.residual());
        return matches.isEmpty() ? Optional.empty() : Optional.of(matches.get(random.nextInt(matches.size())));
    }

    /** Every servable item matching the query (a scan of its buckets): listings, counts, the rare-filter fallback. */
    public List<ProjectedItem> matching(Query query) {
        return scan(keys(query), query.traits(), query.residual());
    }

    /** Number of items in the indexed part of a query, O(number of buckets). */
    public int count(Query query) {
        long stamp = lock.readLock();
        try {
            int total = 0;
            for (BucketKey key : keys(query)) {
                Bucket bucket = buckets.get(key);
                total += bucket == null ? 0 : bucket.size;
            }
            return total;
        } finally {
            lock.unlockRead(stamp);
        }
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

    public record Page(List<ProjectedItem> items, int total) {
    }

    /** Every servable item, in no particular order. */
    public Stream<ProjectedItem> all() {
        return held.values().stream().map(Held::entry).filter(Objects::nonNull).map(e -> e.item);
    }

    public Map<ContentType, Long> countByType() {
        Map<ContentType, Long> counts = new EnumMap<>(ContentType.class);
        for (ContentType type : ContentType.values()) {
            counts.put(type, (long) count(Query.of(type)));
        }
        return counts;
    }

    private static List<BucketKey> keys(Query query) {
        Collection<String> categories = query.categories() == null ? List.of(ANY) : query.categories();
        Collection<String> difficulties = query.difficulties() == null ? List.of(ANY) : query.difficulties();
        if (categories.size() == 1 && difficulties.size() == 1) {
            return List.of(new BucketKey(query.type(), query.maxAgeLevel(), categories.iterator().next(),
                    difficulties.iterator().next()));
        }
        List<BucketKey> keys = new ArrayList<>(categories.size() * difficulties.size());
        for (String category : categories) {
            for (String difficulty : difficulties) {
                keys.add(new BucketKey(query.type(), query.maxAgeLevel(), category, difficulty));
            }
        }
        return keys;
    }

    /** A random member of the query's buckets: the item, {@link #REJECTED} if its traits fail, null if none. */
    private ProjectedItem pickOnce(List<BucketKey> keys, LongPredicate traits, ThreadLocalRandom random) {
        long stamp = lock.tryOptimisticRead();
        ProjectedItem picked = stamp == 0 ? null : pickUnlocked(keys, traits, random);
        if (stamp != 0 && lock.validate(stamp)) {
            return picked;
        }
        stamp = lock.readLock();
        try {
            return pickUnlocked(keys, traits, random);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Reads only; safe to run optimistically (a racing writer at worst makes it return garbage that is discarded). */
    private ProjectedItem pickUnlocked(List<BucketKey> keys, LongPredicate traits, ThreadLocalRandom random) {
        Bucket bucket;
        int r;
        if (keys.size() == 1) {
            bucket = buckets.get(keys.getFirst());
            int size = bucket == null ? 0 : bucket.size;
            if (size <= 0) {
                return null;
            }
            r = random.nextInt(size);
        } else {
            int total = 0;
            Bucket[] found = new Bucket[keys.size()];
            int[] sizes = new int[keys.size()];
            for (int i = 0; i < found.length; i++) {
                found[i] = buckets.get(keys.get(i));
                sizes[i] = found[i] == null ? 0 : found[i].size;
                total += sizes[i];
            }
            if (total <= 0) {
                return null;
            }
            r = random.nextInt(total);
            int i = 0;
            while (r >= sizes[i]) {
                r -= sizes[i];
                i++;
            }
            bucket = found[i];
        }
        ProjectedItem[] items = bucket.items;
        if (traits != null) {
            long[] packed = bucket.traits;
            if (r >= packed.length || !traits.test(packed[r])) {
                return REJECTED;
            }
        }
        return r < items.length ? items[r] : null;
    }

    private List<ProjectedItem> scan(List<BucketKey> keys, LongPredicate traits, Predicate<ProjectedItem> residual) {
        List<ProjectedItem> matches = new ArrayList<>();
        long stamp = lock.readLock();
        try {
            for (BucketKey key : keys) {
                Bucket bucket = buckets.get(key);
                if (bucket == null) {
                    continue;
                }
                ProjectedItem[] items = bucket.items;
                long[] packed = bucket.traits;
                for (int i = 0; i < bucket.size; i++) {
                    if ((traits == null || traits.test(packed[i])) && (residual == null || residual.test(items[i]))) {
                        matches.add(items[i]);
                    }
                }
            }
        } finally {
            lock.unlockRead(stamp);
        }
        matches.sort(Comparator.comparing(ProjectedItem::id));
        return matches;
    }
}
