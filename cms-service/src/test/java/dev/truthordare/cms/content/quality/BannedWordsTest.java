package dev.truthordare.cms.content.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BannedWordsTest {

	private final BannedWords banned = new BannedWords(List.of("darn", "ass"));

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

}
