package dev.truthordare.cms.accounts;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * ADMIN only (see SecurityConfig): CMS accounts. Passwords are stored as BCrypt hashes
 * and never returned.
 */
@RestController
@RequestMapping("/api/v1/cms/accounts")
class AccountController {

	private static final Logger log = LoggerFactory.getLogger(AccountController.class);

	record NewAccount(String username, String password, List<String> roles) {
	}

	record AccountChange(Boolean enabled, List<String> roles, String password) {
	}

	record AccountView(String username, Set<Role> roles, boolean enabled, Instant createdAt) {
		static AccountView of(Account account) {
			return new AccountView(account.username(), account.roles(), account.enabled(), account.createdAt());
		}
	}

	/** How many addresses were waiting out a login delay for the account. */
	record Unlocked(String username, long throttledAddresses, boolean usernameWasSlowed) {
	}

	private final AccountRepository accounts;

	private final AccountService service;

	private final LoginThrottle throttle;

	AccountController(AccountRepository accounts, AccountService service, LoginThrottle throttle) {
		this.accounts = accounts;
		this.service = service;
		this.throttle = throttle;
	}

	@GetMapping
	List<AccountView> list() {
		return accounts.findAll().stream().map(AccountView::of).toList();
	}

	@PostMapping
	ResponseEntity<AccountView> create(@RequestBody NewAccount request, Principal admin) {
		Account account = service.create(request.username(), request.password(), request.roles(), admin.getName());
		return ResponseEntity.created(URI.create("/api/v1/cms/accounts/" + account.username()))
			.body(AccountView.of(account));
	}

	/**
	 * Disabling, enabling, new roles and a new password revoke the account's tokens: CMS
	 * refuses them at once, the gateway and translation-service within seconds.
	 */
	@PatchMapping("/{username}")
	AccountView change(@PathVariable String username, @RequestBody AccountChange change, Principal admin) {
		return AccountView.of(service.change(username,
				new AccountService.Change(change.enabled(), change.roles(), change.password()), admin.getName()));
	}

	/** Ends every login delay of the account, from every address. Audited in the log. */
	@PostMapping("/{username}/unlock")
	Unlocked unlock(@PathVariable String username, Principal admin) {
		Account account = service.find(username);
		LoginThrottle.Cleared cleared = throttle.unlock(account.username());
		log.info("Account '{}' unlocked by '{}': {} throttled address(es) cleared, username slowed: {}",
				account.username(), admin.getName(), cleared.addresses(), cleared.username());
		return new Unlocked(account.username(), cleared.addresses(), cleared.username());
	}

}
