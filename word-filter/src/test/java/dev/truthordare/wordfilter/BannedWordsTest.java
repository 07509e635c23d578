package dev.truthordare.wordfilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BannedWordsTest {

	private final BannedWords banned = new BannedWords(List.of("darn", "ass", "shit", "whore", "scheiße"),
			List.of("darning"));

	@Test
	void plainWordsMatchCaseInsensitivelyOnWordBoundaries() {
		assertThat(banned.matches("Well DARN it, sing a song")).isTrue();
		assertThat(banned.matches("Darning socks is a skill, show it")).isFalse();
		assertThat(banned.matches("Pass the salt as fast as you can")).isFalse();
	}

	@Test
	void commonDisguisesAreSeenThrough() {
		assertThat(banned.matches("well d4rn it")).isTrue();
		assertThat(banned.matches("well daaaarn it")).isTrue();
		assertThat(banned.matches("well d.a.r.n it")).isTrue();
		assertThat(banned.matches("well d a r n it")).isTrue();
		assertThat(banned.matches("what an a$$ move")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "what a \u0455\u04bb\u0456t day", // Cyrillic dze, shha,
																// byelorussian i
			"what a sh\u0456t day", // one Cyrillic letter
			"what a s\u0308hit day", // a combining diaeresis
			"what a sh\u00eft day", // a precomposed umlaut
			"what a \uff53\uff48\uff49\uff54 day", // fullwidth letters
			"what a SH\u00cdT day", // upper case with an accent
			"what a s\u200bhit day", // a zero-width space inside
			"what a sh\u00adit day", // a soft hyphen inside
			"what a s h i t day", "what a s.h.i.t day", "what a s-h-i-t day", "what a s_h_i_t day", "these shits",
			"you are shitting me", "she whored around", "two whores", "stop whoring", "he shitted", "the shitter",
			"so many sh1ts", "s h i t t i n g", "Sch\u00c4isse? no: SCHEISSE", "das ist Schei\u00dfe" })
	void disguisesInOtherScriptsAndInflectionsAreSeenThrough(String text) {
		assertThat(banned.matches(text)).as(text).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Scunthorpe is a town", "the assessment was fair", "a classic move", "pass the bass",
			"bases and masses", "assess it", "shitake? no, shiitake mushrooms", "Whorf the linguist",
			"a dam on the river", "mend by darning", "I'm assuming", "the class passes", "es ist scheinbar so",
			"\u0432\u0435\u0441\u043d\u0430 \u043f\u0440\u0438\u0448\u043b\u0430" })
	void ordinaryWordsThatContainABannedOnePass(String text) {
		assertThat(banned.matches(text)).as(text).isFalse();
	}

	@Test
	void anAllowedWordIsTheOnlyWayAnInflectionLikeFormPasses() {
		BannedWords strict = new BannedWords(List.of("darn"));

		assertThat(strict.matches("mend by darning")).isTrue();
		assertThat(banned.matches("mend by darning")).isFalse();
	}

	@Test
	void bidiControlsAreFound() {
		assertThat(BidiControls.firstIn("what a \u202etihs day")).hasValue(0x202E);
		for (int control : new int[] { 0x202A, 0x202B, 0x202C, 0x202D, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F,
				0x061C }) {
			assertThat(BidiControls.firstIn("abc" + Character.toString(control) + "def")).hasValue(control);
		}
		assertThat(
				BidiControls.firstIn("\u0645\u0631\u062d\u0628\u0627 plain Arabic and Hebrew \u05e9\u05dc\u05d5\u05dd"))
			.isEmpty();
	}

}
