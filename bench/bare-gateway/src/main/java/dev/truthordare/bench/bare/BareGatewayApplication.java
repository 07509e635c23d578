package dev.truthordare.bench.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway with nothing of ours: the route is in application.yml, so what
 * bench/wrk measures here is the framework alone.
 */
@SpringBootApplication
public class BareGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(BareGatewayApplication.class, args);
	}

}
