package dev.truthordare.web.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.cloud.netflix.eureka.serviceregistry.EurekaAutoServiceRegistration;

class DeregisterFirstTest {

	@Test
	void leavesDiscoveryAndKeepsServingForTheWaitBeforeTheWebServerStops() {
		EurekaAutoServiceRegistration eureka = mock(EurekaAutoServiceRegistration.class);
		when(eureka.isRunning()).thenReturn(true);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("eureka", eureka);
		var lifecycle = new DeregisterFirst.DeregisterBeforeStopping(
				beans.getBeanProvider(EurekaAutoServiceRegistration.class), Duration.ofMillis(300));
		lifecycle.start();

		long t0 = System.nanoTime();
		lifecycle.stop();

		verify(eureka).stop();
		assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(lifecycle.isRunning()).isFalse();
		// higher phases stop first: discovery is left before the web server drains
		assertThat(lifecycle.getPhase()).isGreaterThan(WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE);
	}

	@Test
	void withoutDiscoveryAStopDoesNotWait() {
		EurekaAutoServiceRegistration eureka = mock(EurekaAutoServiceRegistration.class);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("eureka", eureka);
		var lifecycle = new DeregisterFirst.DeregisterBeforeStopping(
				beans.getBeanProvider(EurekaAutoServiceRegistration.class), Duration.ofMinutes(5));
		lifecycle.start();
		lifecycle.stop();
		verify(eureka, never()).stop();
	}

}
