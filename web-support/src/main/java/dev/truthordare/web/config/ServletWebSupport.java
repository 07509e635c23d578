package dev.truthordare.web.config;

import dev.truthordare.events.StrictJson;
import dev.truthordare.web.problem.ProblemErrorController;
import dev.truthordare.web.problem.ProblemErrorReportValve;
import dev.truthordare.web.problem.ProblemHandler;
import dev.truthordare.web.problem.ProblemMapper;
import dev.truthordare.web.problem.ProblemResponses;
import dev.truthordare.web.request.HeaderGrammarFilter;
import dev.truthordare.web.request.RequestIdFilter;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every servlet service of the platform answers alike: problem+json errors, the
 * request id, and request bodies read by the platform's strict JSON rules. Before Boot's
 * MVC and error configurations, so their problem handler and error controller step aside
 * for {@link ProblemHandler} and {@link ProblemErrorController}.
 */
@AutoConfiguration(before = { WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ServletWebSupport {

	@Bean
	ProblemHandler problemHandler(List<ProblemMapper> mappers) {
		return new ProblemHandler(mappers);
	}

	/**
	 * In place of Boot's error controller, so the container's error page is a problem
	 * document too.
	 */
	@Bean
	ProblemErrorController problemErrorController(List<ProblemMapper> mappers) {
		return new ProblemErrorController(mappers);
	}

	@Bean
	ProblemResponses problemResponses(JsonMapper json) {
		return new ProblemResponses(json);
	}

	/**
	 * Request bodies are read by the platform's strict JSON rules ({@link StrictJson}).
	 */
	@Bean
	JsonMapperBuilderCustomizer strictRequestBodies() {
		return StrictJson::strict;
	}

	/**
	 * First of all filters, so even a refusal by security carries the request id in the
	 * logs and the header.
	 */
	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/**
	 * Tomcat's own refusals (made before any filter runs) as problem+json, not HTML.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}

	/**
	 * Right after the request id, before security or MVC read a header it checks.
	 */
	@Bean
	FilterRegistrationBean<HeaderGrammarFilter> headerGrammarFilter(ProblemResponses problems) {
		FilterRegistrationBean<HeaderGrammarFilter> registration = new FilterRegistrationBean<>(
				new HeaderGrammarFilter(problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
