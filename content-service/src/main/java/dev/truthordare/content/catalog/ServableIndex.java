package dev.truthordare.content.catalog;

import dev.truthordare.events.ContentType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * This instance's in-memory view of the items players may see: loaded from the projection at start and kept
 * current by the content stream. Random picks and lookups never touch the database.
 */
@Component
public class ServableIndex {

    private final Map<String, ProjectedItem> servable = new ConcurrentHashMap<>();

    ServableIndex(MongoTemplate mongo) {
        mongo.findAll(ProjectedItem.class).forEach(this::put);
    }

    void put(ProjectedItem item) {
        if (item.isServable()) {
            servable.put(item.id(), item);
        } else {
            servable.remove(item.id());
        }
    }

    public Optional<ProjectedItem> find(ContentType type, String id) {
        return Optional.ofNullable(servable.get(id)).filter(item -> item.snapshot().type() == type);
    }

    public Optional<ProjectedItem> pickRandom(ContentType type, Predicate<ProjectedItem> filter) {
        List<ProjectedItem> candidates = servable.values().stream()
                .filter(item -> item.snapshot().type() == type)
                .filter(filter)
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(candidates.get(ThreadLocalRandom.current().nextInt(candidates.size())));
    }

    public Map<ContentType, Long> countByType() {
        Map<ContentType, Long> counts = new EnumMap<>(ContentType.class);
        for (ContentType type : ContentType.values()) {
            counts.put(type, 0L);
        }
        servable.values().forEach(item -> counts.merge(item.snapshot().type(), 1L, Long::sum));
        return counts;
    }
}
