package dev.truthordare.content.play;

import dev.truthordare.events.Languages;
import java.util.Map;

/**
 * Display names of categories and difficulties in the platform's languages (en, id, es,
 * fr, de, pt).
 */
final class DisplayNames {

	private DisplayNames() {
	}

	private static final Map<String, Map<String, String>> NAMES = Map.ofEntries(
			Map.entry("general",
					Map.of("en", "General", "id", "Umum", "es", "General", "fr", "Général", "de", "Allgemein", "pt",
							"Geral")),
			Map.entry("funny",
					Map.of("en", "Funny", "id", "Lucu", "es", "Divertido", "fr", "Drôle", "de", "Lustig", "pt",
							"Engraçado")),
			Map.entry("deep",
					Map.of("en", "Deep", "id", "Mendalam", "es", "Profundo", "fr", "Profond", "de", "Tiefgründig", "pt",
							"Profundo")),
			Map.entry("relationships",
					Map.of("en", "Relationships", "id", "Hubungan", "es", "Relaciones", "fr", "Relations", "de",
							"Beziehungen", "pt", "Relacionamentos")),
			Map.entry("embarrassing",
					Map.of("en", "Embarrassing", "id", "Memalukan", "es", "Vergonzoso", "fr", "Gênant", "de",
							"Peinlich", "pt", "Constrangedor")),
			Map.entry("physical",
					Map.of("en", "Physical", "id", "Fisik", "es", "Físico", "fr", "Physique", "de", "Körperlich", "pt",
							"Físico")),
			Map.entry("social",
					Map.of("en", "Social", "id", "Sosial", "es", "Social", "fr", "Social", "de", "Sozial", "pt",
							"Social")),
			Map.entry("creative",
					Map.of("en", "Creative", "id", "Kreatif", "es", "Creativo", "fr", "Créatif", "de", "Kreativ", "pt",
							"Criativo")),
			Map.entry("silly",
					Map.of("en", "Silly", "id", "Konyol", "es", "Tonto", "fr", "Loufoque", "de", "Albern", "pt",
							"Bobo")),
			Map.entry("easy",
					Map.of("en", "Easy", "id", "Mudah", "es", "Fácil", "fr", "Facile", "de", "Leicht", "pt", "Fácil")),
			Map.entry("medium",
					Map.of("en", "Medium", "id", "Sedang", "es", "Medio", "fr", "Moyen", "de", "Mittel", "pt",
							"Médio")),
			Map.entry("hard",
					Map.of("en", "Hard", "id", "Sulit", "es", "Difícil", "fr", "Difficile", "de", "Schwer", "pt",
							"Difícil")),
			Map.entry("extreme", Map.of("en", "Extreme", "id", "Ekstrem", "es", "Extremo", "fr", "Extrême", "de",
					"Extrem", "pt", "Extremo")));

	/** The name of a category or difficulty in a language, English when there is none. */
	static String of(String value, String language) {
		Map<String, String> names = NAMES.get(value);
		if (names == null) {
			return value;
		}
		return names.getOrDefault(language, names.get(Languages.SOURCE));
	}

}
