package dev.truthordare.cms.accounts;

import dev.truthordare.cms.web.BadRequestException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Creates and changes accounts. Every change that must end the tokens already issued
 * bumps the account's token version in the same atomic write and marks the state for
 * publication on {@code cms.accounts.v1}, which the gateway and translation-service read.
 */
@Service
class AccountService {

	private static final Logger log = LoggerFactory.getLogger(AccountService.class);

	private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,40}");

	record Change(Boolean enabled, List<String> roles, String password) {
	}

	private final AccountRepository accounts;

	private final MongoTemplate mongo;

	private final PasswordEncoder passwordEncoder;

	private final AccountStatePublisher publisher;

	AccountService(AccountRepository accounts, MongoTemplate mongo, PasswordEncoder passwordEncoder,
			AccountStatePublisher publisher) {
		this.accounts = accounts;
		this.mongo = mongo;
		this.passwordEncoder = passwordEncoder;
		this.publisher = publisher;
	}

	Account create(String username, String password, List<String> roleNames, String by) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new BadRequestException("username must be 3–40 of a-z, 0-9, '.', '_' or '-'.");
		}
		Set<Role> roles = roles(roleNames);
		Account account = new Account(username, passwordEncoder.encode(Passwords.requireAcceptable(password)), roles,
				true, Instant.now());
		try {
			accounts.insert(account);
		}
		catch (DuplicateKeyException e) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "An account '" + username + "' exists.");
		}
		log.info("Account '{}' created with roles {} by '{}'", username, roles, by);
		publisher.wakeUp();
		return account;
	}

	Account change(String username, Change change, String by) {
		Account current = find(username);
		Update update = new Update();
		if (change.password() != null) {
			update.set("passwordHash", passwordEncoder.encode(Passwords.requireAcceptable(change.password())));
		}
		if (change.roles() != null) {
			Set<Role> roles = roles(change.roles());
			if (!roles.equals(current.roles())) {
				update.set("roles", roles.stream().map(Role::name).sorted().toList());
			}
		}
		if (change.enabled() != null && change.enabled() != current.enabled()) {
			update.set("enabled", change.enabled());
		}
		if (update.getUpdateObject().isEmpty()) {
			return current;
		}
		update.inc("tokenVersion", 1).inc("version", 1).set("published", false);
		Account changed = mongo.findAndModify(Query.query(Criteria.where("_id").is(username)), update,
				FindAndModifyOptions.options().returnNew(true), Account.class);
		if (changed == null) {
			throw notFound(username);
		}
		log.info("Account '{}' changed by '{}' ({}); its tokens up to version {} are revoked", username, by,
				String.join(", ", update.getUpdateObject().get("$set", org.bson.Document.class).keySet()),
				changed.tokenVersion() - 1);
		publisher.wakeUp();
		return changed;
	}

	Account find(String username) {
		return accounts.findById(username).orElseThrow(() -> notFound(username));
	}

	private static ResponseStatusException notFound(String username) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No account '" + username + "'.");
	}

	private static Set<Role> roles(List<String> names) {
		if (names == null || names.isEmpty()) {
			throw new BadRequestException("roles must name at least one of " + List.of(Role.values()) + ".");
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String name : names) {
			try {
				roles.add(Role.valueOf(name));
			}
			catch (IllegalArgumentException | NullPointerException e) {
				throw new BadRequestException("Unknown role '" + name + "'; roles are " + List.of(Role.values()) + ".");
			}
		}
		return roles;
	}

}
