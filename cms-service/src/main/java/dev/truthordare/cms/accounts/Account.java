package dev.truthordare.cms.accounts;

import dev.truthordare.events.AccountState;
import java.time.Instant;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A CMS account. {@code tokenVersion} grows on every change that must end the tokens
 * already issued (disable, enable, roles, password); {@code version} orders the account's
 * published states; {@code published} is false until the current state is on
 * {@code cms.accounts.v1}. Accounts stored before these fields existed read as version 0,
 * unpublished.
 */
@Document("accounts")
public record Account(@Id String username, String passwordHash, Set<Role> roles, boolean enabled, Instant createdAt,
		Long tokenVersion, Long version, Boolean published) {

	@PersistenceCreator
	public Account {
		tokenVersion = tokenVersion == null ? 0 : tokenVersion;
		version = version == null ? 0 : version;
		published = published != null && published;
	}

	/** A new account, not yet published. */
	Account(String username, String passwordHash, Set<Role> roles, boolean enabled, Instant createdAt) {
		this(username, passwordHash, roles, enabled, createdAt, 1L, 1L, false);
	}

	AccountState state() {
		return new AccountState(username, enabled, roles.stream().map(Role::name).sorted().toList(), tokenVersion,
				version);
	}

}
