package dev.truthordare.cms.outbox;

import dev.truthordare.events.EventType;
import dev.truthordare.events.kafka.EventJson;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An event waiting in its item's document to be published. It keeps the W3C trace context
 * of the request that caused it, so the relay publishes it inside that request's trace
 * even seconds (or a broker outage) later.
 */
public record OutboxEvent(String eventId, String topic, String key, String payload, String traceparent,
		String tracestate, Instant createdAt) {

	public static <T> OutboxEvent of(EventType<T> type, String key, T value) {
		Map<String, String> carrier = new HashMap<>();
		W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
		return new OutboxEvent(UUID.randomUUID().toString(), type.topic(), key,
				EventJson.MAPPER.writeValueAsString(value), carrier.get("traceparent"), carrier.get("tracestate"),
				Instant.now());
	}
}
