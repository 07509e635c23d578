package dev.truthordare.web.discovery;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaAutoServiceRegistration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * A service told to stop (SIGTERM) leaves discovery first, keeps serving while the
 * gateways' view of the registry catches up, and only then lets the web server finish its
 * in-flight requests and close. Spring's own order is the other way round: the web server
 * stops (phase {@code MAX_VALUE - 1024}) long before Eureka's registration (phase 0), so
 * gateways kept routing to an instance that no longer answered.
 */
@AutoConfiguration
@ConditionalOnClass(EurekaAutoServiceRegistration.class)
@EnableConfigurationProperties(DeregisterFirst.ShutdownProperties.class)
public class DeregisterFirst {

	/**
	 * @param deregistrationWait how long an instance keeps serving after leaving
	 * discovery: the clients' registry fetch interval plus the registry's response cache,
	 * with a margin
	 */
	@ConfigurationProperties("shutdown")
	public record ShutdownProperties(@DefaultValue("10s") Duration deregistrationWait) {
	}

	@Bean
	SmartLifecycle deregisterBeforeStopping(ObjectProvider<EurekaAutoServiceRegistration> registration,
			ShutdownProperties properties) {
		return new DeregisterBeforeStopping(registration, properties.deregistrationWait());
	}

	static final class DeregisterBeforeStopping implements SmartLifecycle {

		private static final Logger log = LoggerFactory.getLogger(DeregisterBeforeStopping.class);

		private final ObjectProvider<EurekaAutoServiceRegistration> registration;

		private final Duration wait;

		private volatile boolean running;

		DeregisterBeforeStopping(ObjectProvider<EurekaAutoServiceRegistration> registration, Duration wait) {
			this.registration = registration;
			this.wait = wait;
		}

		@Override
		public void start() {
			running = true;
		}

		@Override
		public void stop() {
			running = false;
			EurekaAutoServiceRegistration eureka = registration.getIfAvailable();
			if (eureka == null || !eureka.isRunning()) {
				return;
			}
			eureka.stop();
			log.info("Left discovery; serving {} ms more while gateways stop routing here", wait.toMillis());
			try {
				// nothing to wait on: the gateways' registry refresh is not observable
				// from here
				Thread.sleep(wait);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public boolean isRunning() {
			return running;
		}

		/** Stops before everything else, the web server included. */
		@Override
		public int getPhase() {
			return Integer.MAX_VALUE;
		}

	}

}
