package dev.truthordare.translation.translations;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document("translations")
public record Translation(@Id String id, String contentId, String language, String text, TranslationStatus status,
        Instant updatedAt) {

    public static String key(String contentId, String language) {
        return contentId + ":" + language;
    }
}
