package dev.truthordare.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguagesTest {

	@Test
	void explicitLangParameterWinsOverTheHeader() {
		assertThat(Languages.negotiate("id", "fr-FR,fr;q=0.9")).isEqualTo("id");
	}

	@Test
	void regionalTagsFallBackToTheirLanguage() {
		assertThat(Languages.negotiate(null, "id-ID")).isEqualTo("id");
		assertThat(Languages.negotiate("pt_BR", null)).isEqualTo("pt");
	}

	@Test
	void bengaliHindiAndTagalogAreNegotiatedLikeTheOthers() {
		assertThat(Languages.negotiate(null, "hi-IN,hi;q=0.9,en-US;q=0.8")).isEqualTo("hi");
		assertThat(Languages.negotiate(null, "bn-BD, en;q=0.5")).isEqualTo("bn");
		assertThat(Languages.negotiate("tl", "de")).isEqualTo("tl");
		assertThat(Languages.negotiate("TL_ph", null)).isEqualTo("tl");
	}

	@Test
	void filipinoIsServedInTagalog() {
		assertThat(Languages.negotiate(null, "fil-PH, en;q=0.8")).isEqualTo("tl");
		assertThat(Languages.negotiate("fil", null)).isEqualTo("tl");
		assertThat(Languages.normalise("FIL")).contains("tl");
		// an alias is not a language of its own: /api/v1/languages lists tl once
		assertThat(Languages.SUPPORTED).extracting(Languages.Language::code).doesNotContain("fil");
	}

	@Test
	void everyLanguageIsListedWithItsNativeName() {
		assertThat(Languages.SUPPORTED).extracting(Languages.Language::code)
			.containsExactly("en", "id", "es", "fr", "de", "pt", "bn", "hi", "tl");
		assertThat(Languages.SUPPORTED).extracting(Languages.Language::nativeName)
			.contains("বাংলা", "हिन्दी", "Tagalog");
	}

	@Test
	void highestQValueAmongSupportedLanguagesIsChosen() {
		assertThat(Languages.negotiate(null, "ja;q=1.0, de;q=0.5, es;q=0.8")).isEqualTo("es");
		assertThat(Languages.negotiate(null, "fr, de")).isEqualTo("fr");
	}

	@Test
	void unsupportedOrRefusedLanguagesEndInEnglish() {
		assertThat(Languages.negotiate(null, "ja, zh;q=0.9")).isEqualTo("en");
		assertThat(Languages.negotiate(null, "id;q=0")).isEqualTo("en");
		assertThat(Languages.negotiate("xx", null)).isEqualTo("en");
		assertThat(Languages.negotiate(null, null)).isEqualTo("en");
	}

	@Test
	void anAcceptLanguageWithoutGrammarEndsInEnglishInsteadOfFailing() {
		for (String garbage : new String[] { ";", ";;", ",;,", " ; ", "en-;q=x", "*;q=2", ";q=1", "id;", "de-DE-x-" }) {
			assertThat(Languages.negotiate(null, garbage)).as(garbage).isIn("en", "id", "de");
		}
		assertThat(Languages.negotiate(null, ";, id")).isEqualTo("id");
	}

}
