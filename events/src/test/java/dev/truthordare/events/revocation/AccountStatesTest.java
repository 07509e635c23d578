package dev.truthordare.events.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.truthordare.events.AccountState;
import dev.truthordare.events.Topics;
import dev.truthordare.events.kafka.EventDeserializer;
import dev.truthordare.events.kafka.EventSerializer;
import dev.truthordare.events.revocation.AccountStates.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountStatesTest {

	private final AccountStates states = new AccountStates();

	@Test
	void nothingIsDecidedBeforeTheTopicHasBeenReadToItsEnd() {
		states.apply(new AccountState("tina", true, List.of("TRANSLATOR"), 1, 1));

		assertThat(states.check("tina", 1L, List.of("TRANSLATOR"))).isEqualTo(Verdict.NOT_READY);
	}

	@Test
	void aDisabledAccountsTokensAreRevokedAndStayRevokedAfterReEnabling() {
		states.markReady();
		states.apply(new AccountState("tina", true, List.of("TRANSLATOR"), 1, 1));
		assertThat(states.check("tina", 1L, List.of("TRANSLATOR"))).isEqualTo(Verdict.VALID);

		states.apply(new AccountState("tina", false, List.of("TRANSLATOR"), 2, 2));
		assertThat(states.check("tina", 1L, List.of("TRANSLATOR"))).isEqualTo(Verdict.REVOKED);

		states.apply(new AccountState("tina", true, List.of("TRANSLATOR"), 3, 3));
		assertThat(states.check("tina", 1L, List.of("TRANSLATOR"))).isEqualTo(Verdict.REVOKED);
		assertThat(states.check("tina", 3L, List.of("TRANSLATOR"))).isEqualTo(Verdict.VALID);
	}

	@Test
	void aTokenWhoseRolesDifferFromTheAccountsIsRevoked() {
		states.markReady();
		states.apply(new AccountState("mo", true, List.of("MODERATOR", "TRANSLATOR"), 4, 9));

		assertThat(states.check("mo", 4L, List.of("TRANSLATOR", "MODERATOR"))).isEqualTo(Verdict.VALID);
		assertThat(states.check("mo", 4L, List.of("MODERATOR", "ADMIN"))).isEqualTo(Verdict.REVOKED);
		assertThat(states.check("mo", null, List.of("MODERATOR", "TRANSLATOR"))).isEqualTo(Verdict.REVOKED);
	}

	@Test
	void aTokenNewerThanTheKnownStateAndUnknownAccountsAreTrusted() {
		states.markReady();
		states.apply(new AccountState("mo", true, List.of("MODERATOR"), 4, 9));

		// issued after a change this reader has not seen yet
		assertThat(states.check("mo", 5L, List.of("TRANSLATOR"))).isEqualTo(Verdict.VALID);
		assertThat(states.check("someone-new", 1L, List.of("TRANSLATOR"))).isEqualTo(Verdict.VALID);
	}

	@Test
	void anOlderStateDeliveredLateNeverReplacesANewerOne() {
		states.markReady();
		states.apply(new AccountState("mo", false, List.of("MODERATOR"), 5, 10));
		states.apply(new AccountState("mo", true, List.of("MODERATOR"), 4, 9));

		assertThat(states.check("mo", 4L, List.of("MODERATOR"))).isEqualTo(Verdict.REVOKED);
		assertThat(states.check("mo", 5L, List.of("MODERATOR"))).isEqualTo(Verdict.REVOKED);
	}

	@Test
	void theStateTravelsAsSnakeCaseJsonWithoutAnyPassword() {
		var state = new AccountState("tina", false, List.of("TRANSLATOR"), 7, 12);

		byte[] json = new EventSerializer().serialize(Topics.CMS_ACCOUNTS, state);

		assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
				"{\"username\":\"tina\",\"enabled\":false,\"roles\":[\"TRANSLATOR\"],\"token_version\":7,\"version\":12}");
		assertThat(new EventDeserializer().deserialize(Topics.CMS_ACCOUNTS, json)).isEqualTo(state);
	}

}
