package dev.truthordare.translation.sources;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.Topics;
import dev.truthordare.translation.translations.TranslationWorkflow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
public class SourceItems {

    private final MongoTemplate mongo;
    private final TranslationWorkflow translations;

    SourceItems(MongoTemplate mongo, TranslationWorkflow translations) {
        this.mongo = mongo;
        this.translations = translations;
    }

    /**
     * Keeps the newest snapshot of each item. When a newer version changes the source text, the item's translations
     * are marked OUTDATED first and the new source stored second, so a redelivery after a crash repeats the marking.
     */
    @KafkaListener(topics = Topics.CMS_CONTENT)
    void onContent(ContentSnapshot snapshot) {
        if (snapshot == null) {
            return;
        }
        SourceItem current = mongo.findById(snapshot.id(), SourceItem.class);
        if (current == null || current.version() < snapshot.version()) {
            if (current != null && !Objects.equals(current.content(), snapshot.content())) {
                translations.sourceChanged(snapshot.id(), snapshot.version());
            }
            mongo.save(new SourceItem(snapshot.id(), snapshot.content(), snapshot.language(), snapshot.status(),
                    snapshot.version(), snapshot.createdAt()));
        }
    }

    public List<String> approvedIds() {
        return mongo.find(approved(), SourceItem.class).stream().map(SourceItem::id).toList();
    }

    public List<SourceItem> approvedItems() {
        return mongo.find(approved(), SourceItem.class);
    }

    public Optional<SourceItem> find(String id) {
        return Optional.ofNullable(mongo.findById(id, SourceItem.class));
    }

    private static Query approved() {
        return Query.query(Criteria.where("status").is(ContentStatus.APPROVED));
    }
}
