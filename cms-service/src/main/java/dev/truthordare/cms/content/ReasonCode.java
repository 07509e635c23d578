package dev.truthordare.cms.content;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Why a moderator (or the report threshold) acted; shared with players' reports. */
public enum ReasonCode {

	OFFENSIVE, UNSAFE, TARGETS_A_PERSON, DUPLICATE, LOW_QUALITY, WRONG_CATEGORY, WRONG_LANGUAGE, OTHER;

	public static Optional<ReasonCode> parse(String value) {
		return Arrays.stream(values()).filter(code -> code.name().equals(value)).findFirst();
	}

	public static List<String> names() {
		return Arrays.stream(values()).map(Enum::name).toList();
	}

}
