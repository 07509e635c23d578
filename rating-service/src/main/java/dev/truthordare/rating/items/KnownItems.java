package dev.truthordare.rating.items;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.Topics;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
public class KnownItems {

    private final MongoTemplate mongo;

    KnownItems(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @KafkaListener(topics = Topics.CMS_CONTENT)
    void onContent(ContentSnapshot snapshot) {
        if (snapshot == null) {
            return;
        }
        KnownItem current = mongo.findById(snapshot.id(), KnownItem.class);
        if (current == null || current.version() < snapshot.version()) {
            mongo.save(new KnownItem(snapshot.id(), snapshot.type(), snapshot.status(), snapshot.version()));
        }
    }

    public Optional<KnownItem> approved(String id) {
        return Optional.ofNullable(mongo.findById(id, KnownItem.class)).filter(item -> item.status() == ContentStatus.APPROVED);
    }
}
