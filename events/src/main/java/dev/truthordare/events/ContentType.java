package dev.truthordare.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum ContentType {

	TRUTH, DARE;

	@JsonValue
	public String wireName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	@JsonCreator
	public static ContentType fromWire(String value) {
		return valueOf(value.toUpperCase(java.util.Locale.ROOT));
	}

}
