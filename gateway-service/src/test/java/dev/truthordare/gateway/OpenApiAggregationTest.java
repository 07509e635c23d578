package dev.truthordare.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One Swagger UI at the gateway lists every service's OpenAPI document, each fetched
 * through the gateway.
 */
class OpenApiAggregationTest {

	@Test
	void theSwaggerUiListsEveryServiceAndEachDocumentIsRoutedToItsService() throws Exception {
		try (UpstreamStub upstream = new UpstreamStub();
				GatewayInstance gateway = new GatewayInstance(upstream.url(), 1)) {
			HttpResponse<String> ui = gateway.send("GET", "/webjars/swagger-ui/index.html");
			HttpResponse<String> config = gateway.send("GET", "/v3/api-docs/swagger-config");

			assertThat(ui.statusCode()).isEqualTo(200);
			assertThat(ui.body()).contains("swagger-ui");
			assertThat(config.statusCode()).isEqualTo(200);
			for (String service : List.of("content-service", "rating-service", "translation-service", "cms-service")) {
				assertThat(config.body()).contains("/openapi/" + service);
				HttpResponse<String> document = gateway.send("GET", "/openapi/" + service);
				assertThat(document.statusCode()).as(service).isEqualTo(200);
				assertThat(document.body()).as(service).contains("\"path\":\"/v3/api-docs\"");
			}
		}
	}

}
