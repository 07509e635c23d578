package dev.truthordare.content.translation;

import dev.truthordare.events.Languages;
import dev.truthordare.events.Topics;
import dev.truthordare.events.TranslationChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Asks translation-service (through discovery) for an item's translations: one call per
 * item brings every language's state, so the same cached answer gives the approved text
 * in any language and the item's available languages. Behind a circuit breaker and time
 * limiter: when translation-service is slow, down or open-circuited the answer is the
 * last one known (even if past its TTL), else "no translation", and the caller serves
 * English. Answers are cached briefly; {@code translations.v1} events evict an item's
 * entry at once.
 */
@Component
public class TranslationClient {

	/** Approved texts of one item by language (the source language excluded). */
	private record Cached(Map<String, String> approved, Instant expiresAt) {
	}

	private record CachedLanguages(List<Map<String, Object>> languages, Instant expiresAt) {
	}

	private static final Duration LANGUAGES_TTL = Duration.ofSeconds(30);

	private final RestClient http;

	private final CircuitBreaker breaker;

	private final TranslationProperties properties;

	private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

	private volatile CachedLanguages languages;

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
		return approved(contentId).map(texts -> texts.get(language));
	}

	/**
	 * The languages an item can be read in: its original language and every approved
	 * translation, in the platform's language order; empty when translation-service
	 * cannot be asked and nothing is cached.
	 */
	public Optional<List<String>> availableLanguages(String contentId, String originalLanguage) {
		return approved(contentId).map(texts -> Languages.SUPPORTED.stream()
			.map(Languages.Language::code)
			.filter(code -> code.equals(originalLanguage) || texts.containsKey(code))
			.toList());
	}

	/**
	 * translation-service's language list with coverage, cached for 30 s; empty when it
	 * cannot be asked.
	 */
	public Optional<List<Map<String, Object>>> languageCoverage() {
		CachedLanguages cached = languages;
		if (cached != null && cached.expiresAt().isAfter(Instant.now())) {
			return Optional.of(cached.languages());
		}
		Optional<List<Map<String, Object>>> fetched = breaker.run(() -> {
			JsonNode body = http.get().uri("/api/v1/languages").retrieve().body(JsonNode.class);
			List<Map<String, Object>> list = new java.util.ArrayList<>();
			if (body != null && body.get("languages") != null) {
				for (JsonNode language : body.get("languages")) {
					Map<String, Object> entry = new LinkedHashMap<>();
					entry.put("code", language.path("code").asString());
					entry.put("coverage", language.path("coverage").asDouble());
					entry.put("translated", language.path("translated").asLong());
					entry.put("total", language.path("total").asLong());
					list.add(entry);
				}
			}
			languages = new CachedLanguages(List.copyOf(list), Instant.now().plus(LANGUAGES_TTL));
			return Optional.of(List.copyOf(list));
		}, failure -> Optional.empty());
		return fetched.isPresent() ? fetched : Optional.ofNullable(cached).map(CachedLanguages::languages);
	}

	private Optional<Map<String, String>> approved(String contentId) {
		Cached cached = cache.get(contentId);
		if (cached != null && cached.expiresAt().isAfter(Instant.now())) {
			return Optional.of(cached.approved());
		}
		Optional<Map<String, String>> fetched = breaker.run(() -> {
			Map<String, String> texts = fetch(contentId);
			cache.put(contentId, new Cached(texts, Instant.now().plus(properties.cacheTtl())));
			return Optional.of(texts);
		}, failure -> Optional.empty());
		// stale beats nothing while translation-service is away
		return fetched.isPresent() ? fetched : Optional.ofNullable(cached).map(Cached::approved);
	}

	private Map<String, String> fetch(String contentId) {
		JsonNode body = http.get().uri("/api/v1/translations/{id}", contentId).retrieve().body(JsonNode.class);
		Map<String, String> texts = new LinkedHashMap<>();
		if (body != null && body.get("translations") != null) {
			for (JsonNode translation : body.get("translations")) {
				JsonNode text = translation.get("text");
				if ("APPROVED".equals(translation.path("status").asString()) && text != null && text.isString()) {
					texts.put(translation.path("lang").asString(), text.asString());
				}
			}
		}
		return Map.copyOf(texts);
	}

	@KafkaListener(topics = Topics.TRANSLATIONS, groupId = "${content.projection.group-id}")
	void onTranslationChanged(TranslationChanged change) {
		if (change != null && change.contentId() != null) {
			cache.remove(change.contentId());
		}
	}

}
