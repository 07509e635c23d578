package dev.truthordare.rating.items;

import dev.truthordare.events.ContentSnapshot;
import dev.truthordare.events.ContentStatus;
import dev.truthordare.events.Topics;
import dev.truthordare.web.problem.ApiProblem;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
public class KnownItems {

    /** Only approved items can be rated or reported; any other id is unknown to players. */
    public static class NotApproved extends ApiProblem {
        NotApproved(String id) {
            super(HttpStatus.NOT_FOUND, "No approved item has id '" + id + "'.");
        }
    }

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

    /** The item, if it is live; otherwise a 404 problem: only approved items can be rated or reported. */
    public KnownItem requireApproved(String id) {
        return approved(id).orElseThrow(() -> new NotApproved(id));
    }

    /** Which of {@code ids} are approved items. */
    public Set<String> approvedAmong(Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids).and("status").is(ContentStatus.APPROVED)),
                KnownItem.class).stream().map(KnownItem::id).collect(Collectors.toSet());
    }
}
