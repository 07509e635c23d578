package dev.truthordare.content.translation;

import dev.truthordare.events.Languages;
import dev.truthordare.events.TranslationChanged;
import dev.truthordare.events.Topics;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Asks translation-service (through discovery) for an item's approved text in a language. Behind a circuit breaker
 * and time limiter: when translation-service is slow, down or open-circuited the answer is "no translation", and
 * the caller serves English. Answers are cached briefly; translation events evict them at once.
 */
@Component
public class TranslationClient {

    record TranslationBody(String contentId, String lang, String text) {
    }

    private record Cached(Optional<String> text, Instant expiresAt) {
    }

    private final RestClient http;
    private final CircuitBreaker breaker;
    private final TranslationProperties properties;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    TranslationClient(@LoadBalanced RestClient.Builder loadBalanced, CircuitBreakerFactory<?, ?> breakers,
            TranslationProperties properties) {
        this.http = loadBalanced.baseUrl(properties.serviceUrl()).build();
        this.breaker = breakers.create("translation");
        this.properties = properties;
    }

    public Optional<String> approvedText(String contentId, String language) {
        if (Languages.SOURCE.equals(language)) {
            return Optional.empty();
        }
        String key = contentId + ":" + language;
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresAt().isAfter(Instant.now())) {
            return cached.text();
        }
        return breaker.run(() -> {
            Optional<String> text = fetch(contentId, language);
            cache.put(key, new Cached(text, Instant.now().plus(properties.cacheTtl())));
            return text;
        }, failure -> Optional.empty());
    }

    private Optional<String> fetch(String contentId, String language) {
        try {
            TranslationBody body = http.get()
                    .uri("/api/v1/translations/{id}?lang={lang}", contentId, language)
                    .retrieve()
                    .body(TranslationBody.class);
            return Optional.ofNullable(body).map(TranslationBody::text);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @KafkaListener(topics = Topics.TRANSLATIONS, groupId = "${content.projection.group-id}")
    void onTranslationChanged(TranslationChanged change) {
        if (change != null) {
            cache.remove(change.key());
        }
    }
}
