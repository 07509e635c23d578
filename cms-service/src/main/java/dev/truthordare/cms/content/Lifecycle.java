package dev.truthordare.cms.content;

import static dev.truthordare.events.ContentStatus.APPROVED;
import static dev.truthordare.events.ContentStatus.ARCHIVED;
import static dev.truthordare.events.ContentStatus.FLAGGED;
import static dev.truthordare.events.ContentStatus.PENDING;
import static dev.truthordare.events.ContentStatus.REJECTED;

import dev.truthordare.events.ContentStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The moderation actions and the states each may start from. */
public enum Lifecycle {

	APPROVE(APPROVED, Set.of(PENDING, FLAGGED)), REJECT(REJECTED, Set.of(PENDING, FLAGGED)),
	FLAG(FLAGGED, Set.of(APPROVED)), ARCHIVE(ARCHIVED, Set.of(APPROVED, FLAGGED));

	private final ContentStatus target;

	private final Set<ContentStatus> from;

	Lifecycle(ContentStatus target, Set<ContentStatus> from) {
		this.target = target;
		this.from = from;
	}

	public ContentStatus target() {
		return target;
	}

	public boolean allowedFrom(ContentStatus status) {
		return from.contains(status);
	}

	public String wireName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	public static List<String> actionsFrom(ContentStatus status) {
		return Arrays.stream(values()).filter(action -> action.allowedFrom(status)).map(Lifecycle::wireName).toList();
	}

	static final Map<String, Lifecycle> BY_WIRE_NAME = Map.of("approve", APPROVE, "reject", REJECT, "flag", FLAG,
			"archive", ARCHIVE);

}
