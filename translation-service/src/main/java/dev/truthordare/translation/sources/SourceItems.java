package dev.truthordare.translation.sources;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.Topics;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
public class SourceItems {

    private final MongoTemplate mongo;

    SourceItems(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @KafkaListener(topics = Topics.CMS_CONTENT)
    void onContent(ContentSnapshot snapshot) {
        if (snapshot == null) {
            return;
        }
        SourceItem current = mongo.findById(snapshot.id(), SourceItem.class);
        if (current == null || current.version() < snapshot.version()) {
            mongo.save(new SourceItem(snapshot.id(), snapshot.content(), snapshot.language(), snapshot.status(),
                    snapshot.version()));
        }
    }


    public java.util.List<String> approvedIds() {
        return mongo.find(approved(), SourceItem.class).stream().map(SourceItem::id).toList();
    }

    private static Query approved() {
        return Query.query(Criteria.where("status").is(ContentStatus.APPROVED));
    }
}
