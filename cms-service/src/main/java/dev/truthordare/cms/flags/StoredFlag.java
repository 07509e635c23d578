package dev.truthordare.cms.flags;

import dev.truthordare.events.FlagState;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A flag an admin has changed at least once: its current state, whether that state is on
 * {@code flags.v1} yet, and every change (the audit), all in one document so that a
 * change and its audit entry are one atomic write. Flags change a few times a day at
 * most, so the history stays small.
 */
@Document("flags")
record StoredFlag(@Id String key, FlagState state, boolean published, List<FlagChange> history) {

	@PersistenceCreator
	StoredFlag {
		history = history == null ? List.of() : List.copyOf(history);
	}

}
