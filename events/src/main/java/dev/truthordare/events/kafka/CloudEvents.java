package dev.truthordare.events.kafka;

import dev.truthordare.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents 1.0 Kafka binary binding: attributes travel as {@code ce_*} headers, the
 * value is the event JSON.
 */
public final class CloudEvents {

	public static final String ID = "ce_id";

	public static final String TYPE = "ce_type";

	public static final String SOURCE = "ce_source";

	public static final String TIME = "ce_time";

	public static final String SPEC_VERSION = "ce_specversion";

	public static final String CONTENT_TYPE = "content-type";

	private CloudEvents() {
	}

	/**
	 * A record for {@code type}'s topic, keyed by {@code key}, carrying the CloudEvents
	 * headers.
	 */
	public static <T> ProducerRecord<String, Object> record(EventType<T> type, String key, T value, String source) {
		return record(type, UUID.randomUUID().toString(), key, value, source);
	}

	/**
	 * A record with a chosen {@code ce_id}: a producer that may send one event more than
	 * once (an outbox relay) keeps its id, so consumers can tell a re-delivery from a new
	 * event, as CloudEvents intends.
	 */
	public static <T> ProducerRecord<String, Object> record(EventType<T> type, String id, String key, T value,
			String source) {
		return new ProducerRecord<>(type.topic(), null, key, value, headers(type, source, id));
	}

	public static Headers headers(EventType<?> type, String source) {
		return headers(type, source, UUID.randomUUID().toString());
	}

	private static Headers headers(EventType<?> type, String source, String id) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(ID, bytes(id));
		headers.add(TYPE, bytes(type.cloudEventType()));
		headers.add(SOURCE, bytes(source));
		headers.add(TIME, bytes(Instant.now().toString()));
		headers.add(SPEC_VERSION, bytes("1.0"));
		headers.add(CONTENT_TYPE, bytes("application/json"));
		return headers;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
