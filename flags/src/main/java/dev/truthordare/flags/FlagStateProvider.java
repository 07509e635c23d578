package dev.truthordare.flags;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import dev.truthordare.events.FlagState;
import dev.truthordare.events.flags.FlagRollout;
import dev.truthordare.events.flags.FlagRollout.Decision;
import dev.truthordare.events.flags.FlagStates;

/**
 * The platform's OpenFeature provider: answers from the flag states this process holds
 * (fed from the compacted {@code flags.v1} topic), so an evaluation is a map lookup and a
 * hash, never a network call. Code asks through the OpenFeature {@code Client}, so
 * another flag service can replace this provider without touching the callers.
 * <p>
 * Flags are boolean. The evaluation context's targeting key is the client id
 * ({@code X-Client-Id}); {@link FlagRollout} decides. Variants are {@code on} and
 * {@code off}; the reason is {@code DISABLED} (kill switch), {@code TARGETING_MATCH}
 * (allow or deny list), {@code SPLIT} (the client's rollout bucket), or {@code DEFAULT}
 * with the caller's default value for a flag this process does not know (yet): a flag not
 * published yet is not an error, the code's default is the answer.
 */
public final class FlagStateProvider implements FeatureProvider {

	public static final String NAME = "truth-or-dare-flags";

	public static final String ON = "on";

	public static final String OFF = "off";

	private final FlagStates states;

	public FlagStateProvider(FlagStates states) {
		this.states = states;
	}

	public FlagStateProvider() {
		this(new FlagStates());
	}

	/**
	 * Takes a flag's state unless a newer version is already held (late or repeated
	 * records are ignored).
	 * @return whether the state is now in force
	 */
	public boolean apply(FlagState state) {
		return states.apply(state);
	}

	public FlagStates states() {
		return states;
	}

	@Override
	public Metadata getMetadata() {
		return () -> NAME;
	}

	@Override
	public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext ctx) {
		FlagState flag = states.get(key).orElse(null);
		if (flag == null) {
			return ProviderEvaluation.<Boolean>builder().value(defaultValue).reason(Reason.DEFAULT.name()).build();
		}
		Decision decision = FlagRollout.decide(flag, ctx == null ? null : ctx.getTargetingKey());
		return ProviderEvaluation.<Boolean>builder()
			.value(decision.on())
			.variant(decision.on() ? ON : OFF)
			.reason(reason(decision).name())
			.flagMetadata(ImmutableMetadata.builder()
				.addLong("version", flag.version())
				.addInteger("rollout_percent", flag.rolloutPercent())
				.build())
			.build();
	}

	private static Reason reason(Decision decision) {
		return switch (decision) {
			case DISABLED -> Reason.DISABLED;
			case ALLOWED, DENIED -> Reason.TARGETING_MATCH;
			case IN_ROLLOUT, OUT_OF_ROLLOUT -> Reason.SPLIT;
		};
	}

	@Override
	public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
		return notBoolean(key, defaultValue);
	}

	@Override
	public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext ctx) {
		return notBoolean(key, defaultValue);
	}

	@Override
	public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
		return notBoolean(key, defaultValue);
	}

	@Override
	public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
		return notBoolean(key, defaultValue);
	}

	private <T> ProviderEvaluation<T> notBoolean(String key, T defaultValue) {
		if (states.get(key).isEmpty()) {
			return ProviderEvaluation.<T>builder().value(defaultValue).reason(Reason.DEFAULT.name()).build();
		}
		return ProviderEvaluation.<T>builder()
			.value(defaultValue)
			.reason(Reason.ERROR.name())
			.errorCode(ErrorCode.TYPE_MISMATCH)
			.errorMessage("Flag " + key + " is boolean")
			.build();
	}

}
