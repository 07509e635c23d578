package dev.truthordare.cms.flags;

import dev.truthordare.cms.web.BadRequestException;
import dev.truthordare.events.FlagState;
import dev.truthordare.events.flags.DefaultFlags;
import dev.truthordare.web.problem.ApiProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Changes flags. The new state (version one above the current one, a default flag's being
 * 0), the audit entry and the "not yet published" mark are one conditional write on the
 * flag's document, so two admins changing a flag at once cannot both win, and a change is
 * never published without its audit entry (or the reverse). {@link FlagStatePublisher}
 * then puts the state on {@code flags.v1}.
 */
@Service
class FlagService {

	private static final Logger log = LoggerFactory.getLogger(FlagService.class);

	/** Flag keys appear in metric tags, logs and URLs: short, lower case, no spaces. */
	static final Pattern KEY = Pattern.compile("[a-z0-9_.]{1,64}");

	static final int MAX_LIST = 1000;

	static final int MAX_CLIENT_ID = 128;

	static final int MAX_TEXT = 500;

	private final MongoTemplate mongo;

	private final FlagStatePublisher publisher;

	private final Clock clock;

	FlagService(MongoTemplate mongo, FlagStatePublisher publisher) {
		this.mongo = mongo;
		this.publisher = publisher;
		this.clock = Clock.systemUTC();
	}

	List<FlagView> list() {
		Map<String, FlagView> flags = new LinkedHashMap<>();
		DefaultFlags.ALL.forEach(flag -> flags.put(flag.key(), FlagView.of(flag, true)));
		mongo.findAll(StoredFlag.class)
			.forEach(stored -> flags.put(stored.key(), FlagView.of(stored.state(), stored.published())));
		return flags.values().stream().sorted(Comparator.comparing(FlagView::key)).toList();
	}

	FlagView get(String key) {
		requireKey(key);
		return stored(key).map(stored -> FlagView.of(stored.state(), stored.published()))
			.or(() -> defaultFlag(key).map(flag -> FlagView.of(flag, true)))
			.orElseThrow(() -> unknown(key));
	}

	List<FlagChange> history(String key) {
		requireKey(key);
		Optional<StoredFlag> stored = stored(key);
		if (stored.isEmpty() && defaultFlag(key).isEmpty()) {
			throw unknown(key);
		}
		return stored.map(StoredFlag::history).orElse(List.of());
	}

	/**
	 * Creates the flag when the key is new: flags are cheap, and a service asking for a
	 * flag nobody published gets its own default, so an admin may create one before the
	 * code reads it. A new flag needs a description, so a mistyped key is not created
	 * silently.
	 */
	FlagView change(String key, FlagController.FlagUpdate update, String by) {
		requireKey(key);
		validate(update);
		Optional<StoredFlag> stored = stored(key);
		FlagState current = stored.map(StoredFlag::state).or(() -> defaultFlag(key)).orElse(null);
		if (current == null && (update.description() == null || update.description().isBlank())) {
			throw new BadRequestException("Flag '" + key + "' does not exist; creating it needs a description.");
		}
		FlagState base = current != null ? current : new FlagState(key, false, 0, List.of(), List.of(),
				update.description(), 0, DefaultFlags.SYSTEM, Instant.EPOCH);
		List<String> allow = update.allowList() != null ? update.allowList() : base.allowList();
		List<String> deny = update.denyList() != null ? update.denyList() : base.denyList();
		Set<String> both = new HashSet<>(allow);
		both.retainAll(deny);
		if (!both.isEmpty()) {
			throw new BadRequestException("A client id cannot be on both the allow and the deny list: " + both);
		}
		Instant now = clock.instant();
		FlagState next = new FlagState(key, update.enabled() != null ? update.enabled() : base.enabled(),
				update.rolloutPercent() != null ? update.rolloutPercent() : base.rolloutPercent(), allow, deny,
				update.description() != null ? update.description() : base.description(), base.version() + 1, by, now);
		FlagChange change = new FlagChange(now, by, update.reason().strip(), next.version(), next);
		save(stored, next, change);
		log.info("Flag '{}' changed to version {} by '{}' (enabled {}, {} %): {}", key, next.version(), by,
				next.enabled(), next.rolloutPercent(), change.reason());
		publisher.wakeUp();
		return FlagView.of(next, false);
	}

	private void save(Optional<StoredFlag> stored, FlagState next, FlagChange change) {
		if (stored.isEmpty()) {
			try {
				mongo.insert(new StoredFlag(next.key(), next, false, List.of(change)));
				return;
			}
			catch (DuplicateKeyException e) {
				throw concurrent(next.key());
			}
		}
		long held = stored.get().state().version();
		var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(next.key()).and("state.version").is(held)),
				new Update().set("state", next).set("published", false).push("history", change), StoredFlag.class);
		if (result.getMatchedCount() == 0) {
			throw concurrent(next.key());
		}
	}

	private static void validate(FlagController.FlagUpdate update) {
		if (update == null) {
			throw new BadRequestException("A JSON body is required.");
		}
		if (update.reason() == null || update.reason().isBlank()) {
			throw new BadRequestException("reason is required: say why the flag changes (it is audited).");
		}
		if (update.reason().length() > MAX_TEXT) {
			throw new BadRequestException("reason must be at most " + MAX_TEXT + " characters.");
		}
		if (update.description() != null
				&& (update.description().isBlank() || update.description().length() > MAX_TEXT)) {
			throw new BadRequestException("description must be 1–" + MAX_TEXT + " characters.");
		}
		if (update.rolloutPercent() != null && (update.rolloutPercent() < 0 || update.rolloutPercent() > 100)) {
			throw new BadRequestException("rollout_percent must be 0–100.");
		}
		clientIds("allow_list", update.allowList());
		clientIds("deny_list", update.denyList());
	}

	private static void clientIds(String field, List<String> ids) {
		if (ids == null) {
			return;
		}
		if (ids.size() > MAX_LIST) {
			throw new BadRequestException(field + " must hold at most " + MAX_LIST + " client ids.");
		}
		List<String> seen = new ArrayList<>();
		for (String id : ids) {
			if (id == null || id.isBlank() || id.length() > MAX_CLIENT_ID || !id.strip().equals(id)) {
				throw new BadRequestException(
						field + " holds client ids of 1–" + MAX_CLIENT_ID + " characters, without surrounding spaces.");
			}
			seen.add(id);
		}
		if (new HashSet<>(seen).size() != seen.size()) {
			throw new BadRequestException(field + " holds a client id twice.");
		}
	}

	private static void requireKey(String key) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new BadRequestException("A flag key is 1–64 of a-z, 0-9, '_' or '.'.");
		}
	}

	private Optional<StoredFlag> stored(String key) {
		return Optional.ofNullable(mongo.findById(key, StoredFlag.class));
	}

	private static Optional<FlagState> defaultFlag(String key) {
		return DefaultFlags.ALL.stream().filter(flag -> flag.key().equals(key)).findFirst();
	}

	private static ApiProblem unknown(String key) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "No flag '" + key + "'.");
	}

	private static ApiProblem concurrent(String key) {
		return new ApiProblem(HttpStatus.CONFLICT,
				"Flag '" + key + "' was changed by someone else at the same time; reload it and try again.");
	}

}
