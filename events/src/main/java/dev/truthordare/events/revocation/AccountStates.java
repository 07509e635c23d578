package dev.truthordare.events.revocation;

import dev.truthordare.events.AccountState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a service that accepts CMS tokens knows about CMS accounts, fed from the compacted
 * {@code cms.accounts.v1} topic by {@link AccountStateFeed}, and the rule that decides
 * whether a token is still good.
 */
public final class AccountStates {

	/** The answer for one token. */
	public enum Verdict {

		/** Nothing known revokes the token. */
		VALID,
		/**
		 * The account is disabled, or its token version or roles moved on since the token
		 * was issued.
		 */
		REVOKED,
		/** The topic has not been read to its end yet, so a revocation may be unknown. */
		NOT_READY

	}

	private final Map<String, AccountState> accounts = new ConcurrentHashMap<>();

	private volatile boolean ready;

	/** Keeps {@code state} unless a newer state of the same account is already known. */
	public void apply(AccountState state) {
		accounts.merge(state.username(), state, (held, offered) -> offered.version() > held.version() ? offered : held);
	}

	void markReady() {
		ready = true;
	}

	public boolean ready() {
		return ready;
	}

	/**
	 * @param subject the token's {@code sub}
	 * @param tokenVersion the token's {@code ver} claim; tokens issued before there were
	 * token versions have none and count as version 0
	 * @param roles the token's {@code roles} claim
	 */
	public Verdict check(String subject, Long tokenVersion, Collection<String> roles) {
		if (!ready) {
			return Verdict.NOT_READY;
		}
		AccountState state = subject == null ? null : accounts.get(subject);
		if (state == null) {
			// not a CMS account (an external issuer's subject), or created so recently
			// that
			// its first state is still on its way; a disable always comes after the
			// creation in the same partition, so nothing revoking it can be known yet
			return Verdict.VALID;
		}
		long version = tokenVersion == null ? 0 : tokenVersion;
		if (version < state.tokenVersion()) {
			return Verdict.REVOKED;
		}
		if (version > state.tokenVersion()) {
			// issued from a state newer than ours: CMS only issues tokens to enabled
			// accounts, with their roles at that moment
			return Verdict.VALID;
		}
		List<String> claimed = roles == null ? List.of() : roles.stream().sorted().toList();
		boolean sameRoles = claimed.equals(state.roles().stream().sorted().toList());
		return state.enabled() && sameRoles ? Verdict.VALID : Verdict.REVOKED;
	}

}
