package dev.truthordare.cms.accounts;

import dev.truthordare.cms.web.BadRequestException;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * ADMIN only (see SecurityConfig): CMS accounts. Passwords are stored as BCrypt hashes
 * and never returned.
 */
@RestController
@RequestMapping("/api/v1/cms/accounts")
class AccountController {

	private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,40}");

	private static final int MIN_PASSWORD = 12;

	record NewAccount(String username, String password, List<String> roles) {
	}

	record AccountChange(Boolean enabled, List<String> roles, String password) {
	}

	record AccountView(String username, Set<Role> roles, boolean enabled, Instant createdAt) {
		static AccountView of(Account account) {
			return new AccountView(account.username(), account.roles(), account.enabled(), account.createdAt());
		}
	}

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	AccountController(AccountRepository accounts, PasswordEncoder passwordEncoder) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
	}

	@GetMapping
	List<AccountView> list() {
		return accounts.findAll().stream().map(AccountView::of).toList();
	}

	@PostMapping
	ResponseEntity<AccountView> create(@RequestBody NewAccount request) {
		if (request.username() == null || !USERNAME.matcher(request.username()).matches()) {
			throw new BadRequestException("username must be 3–40 of a-z, 0-9, '.', '_' or '-'.");
		}
		Account account = new Account(request.username(), hash(request.password()), roles(request.roles()), true,
				Instant.now());
		try {
			accounts.insert(account);
		}
		catch (DuplicateKeyException e) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "An account '" + request.username() + "' exists.");
		}
		return ResponseEntity.created(URI.create("/api/v1/cms/accounts/" + account.username()))
			.body(AccountView.of(account));
	}

	/**
	 * Disabling takes effect at once: every request re-reads the account behind its
	 * token.
	 */
	@PatchMapping("/{username}")
	AccountView change(@PathVariable String username, @RequestBody AccountChange change) {
		Account current = accounts.findById(username)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No account '" + username + "'."));
		Account updated = new Account(current.username(),
				change.password() == null ? current.passwordHash() : hash(change.password()),
				change.roles() == null ? current.roles() : roles(change.roles()),
				change.enabled() == null ? current.enabled() : change.enabled(), current.createdAt());
		return AccountView.of(accounts.save(updated));
	}

	private String hash(String password) {
		if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
			throw new BadRequestException("password must be " + MIN_PASSWORD + "–200 characters.");
		}
		return passwordEncoder.encode(password);
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
