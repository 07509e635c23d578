package dev.truthordare.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's languages and the one place where a request's language is negotiated,
 * used by every service that answers in a language. {@code en} is the source language and
 * the final fallback.
 */
public final class Languages {

	public static final String SOURCE = "en";

	public record Language(String code, String englishName, String nativeName) {
	}

	public static final List<Language> SUPPORTED = List.of(new Language("en", "English", "English"),
			new Language("id", "Indonesian", "Bahasa Indonesia"), new Language("es", "Spanish", "Español"),
			new Language("fr", "French", "Français"), new Language("de", "German", "Deutsch"),
			new Language("pt", "Portuguese", "Português"), new Language("bn", "Bengali", "বাংলা"),
			new Language("hi", "Hindi", "हिन्दी"), new Language("tl", "Tagalog", "Tagalog"));

	/**
	 * Tags whose primary subtag names a language we serve under another code: Filipino
	 * ({@code fil}, what Android and iOS send for a Philippine phone) is standardised
	 * Tagalog, and our Tagalog texts are what a Filipino speaker reads.
	 */
	private static final Map<String, String> ALIASES = Map.of("fil", "tl");

	private Languages() {
	}

	public static boolean isSupported(String code) {
		return code != null && SUPPORTED.stream().anyMatch(language -> language.code().equals(code));
	}

	/**
	 * {@code id-ID}, {@code ID} and {@code id_ID} all mean {@code id}, {@code fil-PH}
	 * means {@code tl}; anything unsupported is empty.
	 */
	public static Optional<String> normalise(String tag) {
		if (tag == null) {
			return Optional.empty();
		}
		String primary = tag.strip().toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
		primary = ALIASES.getOrDefault(primary, primary);
		return isSupported(primary) ? Optional.of(primary) : Optional.empty();
	}

	/**
	 * The language to answer in: an explicit {@code lang} parameter wins, then the best
	 * supported entry of {@code Accept-Language} by q-value (order breaks ties), then
	 * {@link #SOURCE}.
	 */
	public static String negotiate(String lang, String acceptLanguage) {
		if (lang != null && !lang.isBlank()) {
			return normalise(lang).orElse(SOURCE);
		}
		if (acceptLanguage == null || acceptLanguage.isBlank()) {
			return SOURCE;
		}
		record Choice(String code, double q, int position) {
		}
		List<Choice> choices = new ArrayList<>();
		String[] ranges = acceptLanguage.split(",");
		for (int i = 0; i < ranges.length && i < 20; i++) {
			String[] parts = ranges[i].split(";");
			if (parts.length == 0) {
				continue; // ";" alone splits into nothing
			}
			double q = 1.0;
			for (int p = 1; p < parts.length; p++) {
				String parameter = parts[p].strip();
				if (parameter.startsWith("q=")) {
					try {
						q = Double.parseDouble(parameter.substring(2));
					}
					catch (NumberFormatException e) {
						q = 0;
					}
				}
			}
			int position = i;
			double weight = q;
			if (weight > 0) {
				normalise(parts[0]).ifPresent(code -> choices.add(new Choice(code, weight, position)));
			}
		}
		return choices.stream()
			.max(Comparator.comparingDouble(Choice::q).thenComparing(Choice::position, Comparator.reverseOrder()))
			.map(Choice::code)
			.orElse(SOURCE);
	}

}
