package dev.truthordare.events;

import java.util.List;

/**
 * Value of {@link Topics#CMS_ACCOUNTS}, keyed by username: what a service needs to decide
 * whether a CMS token is still good. {@code tokenVersion} grows whenever the account is
 * disabled or enabled, its roles change or its password changes; a token whose
 * {@code ver} claim is older is revoked. {@code version} orders the states of one
 * account. No password hash ever travels.
 */
public record AccountState(String username, boolean enabled, List<String> roles, long tokenVersion, long version) {

	public AccountState {
		roles = roles == null ? List.of() : List.copyOf(roles);
	}

}
