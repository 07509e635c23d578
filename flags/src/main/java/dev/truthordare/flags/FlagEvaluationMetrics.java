package dev.truthordare.flags;

import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.Hook;
import dev.openfeature.sdk.HookContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * OpenFeature hook counting every flag evaluation as {@code flag.evaluations}
 * (Prometheus: {@code flag_evaluations_total}) tagged with the flag key and the variant
 * served: {@code on}, {@code off}, or {@code default} when the caller's default was
 * returned (the flag is unknown, or the evaluation failed). Registered once on the
 * OpenFeature API
 * ({@code OpenFeatureAPI.getInstance().addHooks(new FlagEvaluationMetrics(registry))}) it
 * counts every client's evaluations, whichever provider answers. Flag keys are few and
 * chosen by admins, so the tags stay bounded.
 */
public final class FlagEvaluationMetrics implements Hook<Object> {

	public static final String METER = "flag.evaluations";

	private final MeterRegistry registry;

	public FlagEvaluationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void finallyAfter(HookContext<Object> ctx, FlagEvaluationDetails<Object> details,
			Map<String, Object> hints) {
		String variant = details == null || details.getVariant() == null ? "default" : details.getVariant();
		Counter.builder(METER)
			.description("Feature flag evaluations, by flag and variant served")
			.tag("flag", ctx.getFlagKey())
			.tag("variant", variant)
			.register(registry)
			.increment();
	}

}
