package dev.truthordare.events.kafka;

import dev.truthordare.events.EventType;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer that picks the record type from the topic, so one consumer
 * config serves every topic.
 */
public class EventDeserializer implements Deserializer<Object> {

	@Override
	public Object deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		EventType<?> type = EventType.forTopic(topic)
			.orElseThrow(() -> new SerializationException("No event type is registered for topic " + topic));
		try {
			return EventJson.MAPPER.readValue(data, type.valueType());
		}
		catch (RuntimeException e) {
			throw new SerializationException("Malformed " + type.valueType().getSimpleName() + " on " + topic, e);
		}
	}

}
