package dev.truthordare.discovery;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Whoever may register or delete an instance decides where players' traffic goes, so the
 * registry (and its dashboard) needs HTTP basic credentials; only health, info and
 * metrics stay open for probes and scrapers. Eureka clients send no CSRF token, and need
 * none: they authenticate every call, with no session or cookie.
 */
@Configuration
class RegistrySecurity {

	@Bean
	SecurityFilterChain registry(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.anyRequest()
				.authenticated())
			.httpBasic(withDefaults())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

}
