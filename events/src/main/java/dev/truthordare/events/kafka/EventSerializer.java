package dev.truthordare.events.kafka;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka value serializer for every event record; {@code null} stays null so tombstones
 * pass through, and raw bytes (a record that could not be deserialized, on its way to a
 * dead-letter topic) are forwarded untouched.
 */
public class EventSerializer implements Serializer<Object> {

	@Override
	public byte[] serialize(String topic, Object event) {
		if (event == null || event instanceof byte[]) {
			return (byte[]) event;
		}
		return EventJson.MAPPER.writeValueAsBytes(event);
	}

}
