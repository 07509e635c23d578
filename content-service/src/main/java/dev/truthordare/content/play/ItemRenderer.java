package dev.truthordare.content.play;

import dev.truthordare.content.catalog.ProjectedItem;
import dev.truthordare.content.translation.TranslationClient;
import dev.truthordare.content.translation.TranslationSwitch;
import dev.truthordare.events.Languages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Turns an item into what a player receives: the text in the negotiated language, in the
 * v1 or v2 shape.
 */
@Component
public class ItemRenderer {

	/**
	 * The body, the language it is in (for {@code Content-Language}) and a validator for
	 * {@code ETag}.
	 */
	public record Rendered(ItemView body, String language, String etag) {
	}

	private final TranslationClient translations;

	private final TranslationSwitch translationSwitch;

	private final MeterRegistry meters;

	ItemRenderer(TranslationClient translations, TranslationSwitch translationSwitch, MeterRegistry meters) {
		this.translations = translations;
		this.translationSwitch = translationSwitch;
		this.meters = meters;
	}

	public Rendered render(String version, ProjectedItem item, String lang, String acceptLanguage) {
		boolean requested = (lang != null && !lang.isBlank()) || (acceptLanguage != null && !acceptLanguage.isBlank());
		String wanted = Languages.negotiate(lang, acceptLanguage);
		String original = item.snapshot().language() == null ? Languages.SOURCE : item.snapshot().language();
		boolean translating = translationSwitch.on();
		ItemViews.Localised text;
		if (!translating && !wanted.equals(original)) {
			// the kill switch: the original text, said to be a fallback, no call
			text = new ItemViews.Localised(item.snapshot().content(), original, true, requested);
		}
		else if (wanted.equals(original)) {
			boolean unsupportedAsked = lang != null && !lang.isBlank() && Languages.normalise(lang).isEmpty();
			text = new ItemViews.Localised(item.snapshot().content(), original, unsupportedAsked, requested);
		}
		else {
			text = translations.approvedText(item.id(), wanted)
				.map(translated -> new ItemViews.Localised(translated, wanted, false, requested))
				.orElseGet(() -> new ItemViews.Localised(item.snapshot().content(), original, true, requested));
		}
		if (text.fallback()) {
			countFallback(text.language().equals(wanted) ? "unsupported" : wanted);
		}
		List<String> available = !"v2".equals(version) ? null
				: translating ? translations.availableLanguages(item.id(), original).orElse(null) : List.of(original);
		ItemView body = ItemViews.of(version, item, text, available);
		return new Rendered(body, text.language(), etag(version, item, text, available));
	}

	/**
	 * {@code content_translation_fallbacks_total{lang}}: answers in the original language
	 * although another was asked for (no approved translation, or translation-service did
	 * not answer in time: its breaker tells which). {@code lang} is a supported language
	 * or {@code unsupported}.
	 */
	private void countFallback(String lang) {
		Counter.builder("content.translation.fallbacks")
			.description("Answers in the original language although another language was asked for")
			.tag("lang", lang)
			.register(meters)
			.increment();
	}

	private static String etag(String version, ProjectedItem item, ItemViews.Localised text, List<String> available) {
		long rating = item.rating() == null ? -1 : item.rating().version();
		int hash = Objects.hash(version, item.id(), item.snapshot().version(), rating, text.text(), text.language(),
				text.fallback(), text.languageRequested(), available);
		return "\"" + item.id() + "-" + item.snapshot().version() + "-" + Integer.toHexString(hash) + "\"";
	}

}
