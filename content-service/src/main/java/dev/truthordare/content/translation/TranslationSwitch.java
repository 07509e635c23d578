package dev.truthordare.content.translation;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.ImmutableContext;
import dev.truthordare.events.flags.DefaultFlags;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@code translations} kill switch: off (for the calling client), every answer is in
 * the original language with {@code translation_fallback: true} and translation-service
 * is not called at all, so a misbehaving translation-service (or a bad batch of
 * translations) can be taken out of every answer within seconds. Evaluated in process
 * from {@code flags.v1}; the client ({@code X-Client-Id}) is read from the current
 * request so the renderers need no new parameter.
 */
@Component
public class TranslationSwitch {

	private final Client flags;

	TranslationSwitch(Client flags) {
		this.flags = flags;
	}

	public boolean on() {
		return flags.getBooleanValue(DefaultFlags.TRANSLATIONS, true, context());
	}

	private static EvaluationContext context() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
			String clientId = request.getRequest().getHeader("X-Client-Id");
			if (clientId != null && !clientId.isBlank()) {
				return new ImmutableContext(clientId);
			}
		}
		return new ImmutableContext();
	}

}
