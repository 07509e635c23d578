package dev.truthordare.cms.flags;

import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * ADMIN only (see SecurityConfig): the feature flags. A change is stored with its audit
 * entry, then published on {@code flags.v1}, from which every service and the gateway
 * evaluate flags in process.
 */
@RestController
@RequestMapping("/api/v1/cms/flags")
class FlagController {

	/**
	 * A flag's new state. Fields left out keep their current value (a new flag starts
	 * disabled, at 0 %, with empty lists); {@code reason} is required and goes into the
	 * audit only.
	 */
	record FlagUpdate(Boolean enabled, Integer rolloutPercent, List<String> allowList, List<String> denyList,
			String description, String reason) {
	}

	private final FlagService flags;

	FlagController(FlagService flags) {
		this.flags = flags;
	}

	/** Every flag's current state, the default flags no admin has changed included. */
	@GetMapping
	List<FlagView> list() {
		return flags.list();
	}

	@GetMapping("/{key}")
	FlagView get(@PathVariable String key) {
		return flags.get(key);
	}

	@PutMapping("/{key}")
	FlagView change(@PathVariable String key, @RequestBody FlagUpdate update, Principal admin) {
		return flags.change(key, update, admin.getName());
	}

	/** Every change of the flag, oldest first: who, when, why and the state it made. */
	@GetMapping("/{key}/history")
	List<FlagChange> history(@PathVariable String key) {
		return flags.history(key);
	}

}
