package dev.truthordare.infra.local;

import dev.truthordare.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The topics the local broker creates at start (idempotently): every event topic of the
 * platform ({@link Topics#ALL}) with its cleanup policy, plus a {@code .DLT} dead-letter
 * topic for each.
 */
public final class LocalTopics {

	/** Partitions of every topic (and dead-letter topic) the stack creates. */
	public static final int PARTITIONS = 3;

	/** One topic the stack creates: name, partition count and topic-level configs. */
	public record TopicSpec(String name, int partitions, Map<String, String> configs) {
		public TopicSpec {
			configs = Map.copyOf(configs);
		}
	}

	private static final String DELETE = "delete";

	/** The event topics (docs/architecture.md, "Events"). */
	public static final List<TopicSpec> EVENT_TOPICS = Topics.ALL.stream()
		.map(spec -> topic(spec.name(), spec.cleanup().name().toLowerCase(Locale.ROOT), spec.retention()))
		.toList();

	/** Suffix of the dead-letter topic of every event topic. */
	public static final String DLT_SUFFIX = Topics.DEAD_LETTER_SUFFIX;

	/**
	 * Event topics followed by their dead-letter topics (cleanup policy delete,
	 * broker-default retention).
	 */
	public static final List<TopicSpec> ALL = all();

	private LocalTopics() {
	}

	/** Names of {@link #ALL}. */
	public static List<String> names() {
		return ALL.stream().map(TopicSpec::name).toList();
	}

	private static TopicSpec topic(String name, String cleanupPolicy, Duration retention) {
		return retention == null ? new TopicSpec(name, PARTITIONS, Map.of("cleanup.policy", cleanupPolicy))
				: new TopicSpec(name, PARTITIONS,
						Map.of("cleanup.policy", cleanupPolicy, "retention.ms", Long.toString(retention.toMillis())));
	}

	private static List<TopicSpec> all() {
		List<TopicSpec> all = new ArrayList<>(EVENT_TOPICS);
		for (TopicSpec t : EVENT_TOPICS) {
			// a dead-letter topic keeps every failed record, so never compacted; same
			// partition count as its
			// source so a recoverer that keeps the partition number always finds one
			all.add(new TopicSpec(t.name() + DLT_SUFFIX, t.partitions(), Map.of("cleanup.policy", DELETE)));
		}
		return List.copyOf(all);
	}

}
