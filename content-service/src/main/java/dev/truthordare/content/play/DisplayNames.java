package dev.truthordare.content.play;

import dev.truthordare.events.Languages;
import java.util.Map;

/**
 * Display names of categories and difficulties in the platform's languages (en, id, es,
 * fr, de, pt, bn, hi, tl).
 */
final class DisplayNames {

	private DisplayNames() {
	}

	private static final Map<String, Map<String, String>> NAMES = Map.ofEntries(
			Map.entry("general",
					Map.of("en", "General", "id", "Umum", "es", "General", "fr", "Général", "de", "Allgemein", "pt",
							"Geral", "bn", "সাধারণ", "hi", "सामान्य", "tl", "Pangkalahatan")),
			Map.entry("funny",
					Map.of("en", "Funny", "id", "Lucu", "es", "Divertido", "fr", "Drôle", "de", "Lustig", "pt",
							"Engraçado", "bn", "মজার", "hi", "मज़ेदार", "tl", "Nakakatawa")),
			Map.entry("deep",
					Map.of("en", "Deep", "id", "Mendalam", "es", "Profundo", "fr", "Profond", "de", "Tiefgründig", "pt",
							"Profundo", "bn", "গভীর", "hi", "गहरा", "tl", "Malalim")),
			Map.entry("relationships",
					Map.of("en", "Relationships", "id", "Hubungan", "es", "Relaciones", "fr", "Relations", "de",
							"Beziehungen", "pt", "Relacionamentos", "bn", "সম্পর্ক", "hi", "रिश्ते", "tl", "Relasyon")),
			Map.entry("embarrassing",
					Map.of("en", "Embarrassing", "id", "Memalukan", "es", "Vergonzoso", "fr", "Gênant", "de",
							"Peinlich", "pt", "Constrangedor", "bn", "লজ্জার", "hi", "शर्मनाक", "tl", "Nakakahiya")),
			Map.entry("physical",
					Map.of("en", "Physical", "id", "Fisik", "es", "Físico", "fr", "Physique", "de", "Körperlich", "pt",
							"Físico", "bn", "শারীরিক", "hi", "शारीरिक", "tl", "Pisikal")),
			Map.entry("social",
					Map.of("en", "Social", "id", "Sosial", "es", "Social", "fr", "Social", "de", "Sozial", "pt",
							"Social", "bn", "সামাজিক", "hi", "सामाजिक", "tl", "Sosyal")),
			Map.entry("creative",
					Map.of("en", "Creative", "id", "Kreatif", "es", "Creativo", "fr", "Créatif", "de", "Kreativ", "pt",
							"Criativo", "bn", "সৃজনশীল", "hi", "रचनात्मक", "tl", "Malikhain")),
			Map.entry("silly",
					Map.of("en", "Silly", "id", "Konyol", "es", "Tonto", "fr", "Loufoque", "de", "Albern", "pt", "Bobo",
							"bn", "পাগলামি", "hi", "बेतुका", "tl", "Kalokohan")),
			Map.entry("easy",
					Map.of("en", "Easy", "id", "Mudah", "es", "Fácil", "fr", "Facile", "de", "Leicht", "pt", "Fácil",
							"bn", "সহজ", "hi", "आसान", "tl", "Madali")),
			Map.entry("medium",
					Map.of("en", "Medium", "id", "Sedang", "es", "Medio", "fr", "Moyen", "de", "Mittel", "pt", "Médio",
							"bn", "মাঝারি", "hi", "मध्यम", "tl", "Katamtaman")),
			Map.entry("hard",
					Map.of("en", "Hard", "id", "Sulit", "es", "Difícil", "fr", "Difficile", "de", "Schwer", "pt",
							"Difícil", "bn", "কঠিন", "hi", "कठिन", "tl", "Mahirap")),
			Map.entry("extreme", Map.of("en", "Extreme", "id", "Ekstrem", "es", "Extremo", "fr", "Extrême", "de",
					"Extrem", "pt", "Extremo", "bn", "চরম", "hi", "चरम", "tl", "Matindi")));

	/** The name of a category or difficulty in a language, English when there is none. */
	static String of(String value, String language) {
		Map<String, String> names = NAMES.get(value);
		if (names == null) {
			return value;
		}
		return names.getOrDefault(language, names.get(Languages.SOURCE));
	}

}
