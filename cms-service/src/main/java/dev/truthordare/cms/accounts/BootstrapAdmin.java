package dev.truthordare.cms.accounts;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first ADMIN on an empty system. The password comes from
 * {@code CMS_ADMIN_PASSWORD}; when that is unset a random one is generated and shown once
 * on standard output, so no installation ever runs with a known default.
 */
@Component
@Order(0)
class BootstrapAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final AuthProperties properties;

	BootstrapAdmin(AccountRepository accounts, PasswordEncoder passwordEncoder, AuthProperties properties) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (accounts.existsByRolesContaining(Role.ADMIN)) {
			return;
		}
		boolean generated = properties.adminPassword() == null || properties.adminPassword().isBlank();
		String password = generated ? randomPassword() : properties.adminPassword();
		if (Passwords.tooLong(password)) {
			throw new IllegalStateException("CMS_ADMIN_PASSWORD is longer than " + Passwords.MAX_BYTES
					+ " bytes in UTF-8, more than BCrypt can store; choose a shorter one.");
		}
		try {
			accounts.insert(new Account(properties.adminUsername(), passwordEncoder.encode(password),
					Set.of(Role.ADMIN, Role.MODERATOR), true, Instant.now()));
		}
		catch (DuplicateKeyException raceWithAnotherInstance) {
			return;
		}
		log.info("Bootstrap admin '{}' created", properties.adminUsername());
		if (generated) {
			// Deliberately on stdout and only once: the operator needs it, the log
			// pipeline does not.
			System.out.printf(
					"CMS bootstrap admin '%s' created with generated password: %s%n"
							+ "(shown once; set CMS_ADMIN_PASSWORD to choose it)%n",
					properties.adminUsername(), password);
		}
	}

	private static String randomPassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 24; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
