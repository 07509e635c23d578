package dev.truthordare.system;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver the test runs itself, standing in for Jaeger: it keeps
 * every span it is sent.
 */
final class OtlpReceiver implements AutoCloseable {

	record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
			io.opentelemetry.proto.trace.v1.Span.SpanKind kind) {
	}

	private final HttpServer server;

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	OtlpReceiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		server.createContext("/v1/traces", exchange -> {
			try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
					? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
				record(ExportTraceServiceRequest.parseFrom(body));
				byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
				exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
			}
			catch (IOException | RuntimeException e) {
				exchange.sendResponseHeaders(400, -1);
			}
			finally {
				exchange.close();
			}
		});
		server.createContext("/", exchange -> {
			exchange.sendResponseHeaders(200, -1); // metrics and logs are not exported,
													// but never refuse
			exchange.close();
		});
		server.start();
	}

	String endpoint() {
		return "http://localhost:" + server.getAddress().getPort();
	}

	List<ReceivedSpan> spansOfTrace(String traceId) {
		return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
	}

	private void record(ExportTraceServiceRequest request) {
		HexFormat hex = HexFormat.of();
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			String service = resourceSpans.getResource()
				.getAttributesList()
				.stream()
				.filter(attribute -> attribute.getKey().equals("service.name"))
				.map(KeyValue::getValue)
				.map(value -> value.getStringValue())
				.findFirst()
				.orElse("unknown");
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (var span : scopeSpans.getSpansList()) {
					spans.add(new ReceivedSpan(service, hex.formatHex(span.getTraceId().toByteArray()),
							hex.formatHex(span.getSpanId().toByteArray()),
							hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind()));
				}
			}
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
