package dev.truthordare.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Requests Netty cannot even parse (a request line over the limit, oversized headers,
 * bare CR or NUL in a header, conflicting Content-Length, a broken chunk) never reach
 * Spring, and Reactor Netty refuses them with an empty body. This handler sits right
 * after the HTTP codec and answers them itself, like every other refusal: a 4xx
 * problem+json with a request id, then the connection closes, because after a framing
 * error nothing more on it can be trusted.
 */
@Component
class MalformedHttpProblems implements NettyServerCustomizer {

	private static final Logger ACCESS = LoggerFactory.getLogger("access");

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, "malformedHttpProblems", new Handler());
			}
		});
	}

	/**
	 * One per connection: knows whether an answer is under way, so a late framing error
	 * never writes a second.
	 */
	private static final class Handler extends ChannelDuplexHandler {

		private boolean answerStarted;

		private boolean refused;

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (refused) {
				ReferenceCountUtil.release(msg);
				return;
			}
			if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
				refused = true;
				DecoderResult result = http.decoderResult();
				ReferenceCountUtil.release(msg);
				if (answerStarted) {
					ctx.close();
				}
				else {
					refuse(ctx, describe(result.cause(), msg instanceof HttpRequest));
				}
				return;
			}
			if (msg instanceof HttpRequest request && !isUri(request.uri())) {
				// Spring would refuse it too, but with an empty 400
				refused = true;
				ReferenceCountUtil.release(msg);
				refuse(ctx,
						new Refusal(HttpResponseStatus.BAD_REQUEST,
								"The request target is not a valid URI"
										+ " (a stray '%', space, or character that must be percent-encoded).",
								"invalid target"));
				return;
			}
			ctx.fireChannelRead(msg);
		}

		private static boolean isUri(String target) {
			try {
				new URI(target);
				return true;
			}
			catch (URISyntaxException e) {
				return false;
			}
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (msg instanceof HttpResponse) {
				answerStarted = true;
			}
			if (msg instanceof LastHttpContent) {
				answerStarted = false; // keep-alive: the next request on this connection
										// has no answer yet
			}
			ctx.write(msg, promise);
		}

		private record Refusal(HttpResponseStatus status, String detail, String reason) {
		}

		private static Refusal describe(Throwable cause, boolean inHead) {
			String reason = cause == null ? "unknown" : cause.getClass().getSimpleName();
			if (cause instanceof TooLongHttpLineException) {
				return new Refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG,
						"The request line is longer than this API accepts; URLs are limited to 4096 characters.",
						reason);
			}
			if (cause instanceof TooLongHttpHeaderException) {
				return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
						"The request headers are larger than this API accepts.", reason);
			}
			if (cause instanceof TooLongFrameException) {
				return new Refusal(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
						"A part of the request is larger than this API accepts.", reason);
			}
			return new Refusal(HttpResponseStatus.BAD_REQUEST,
					inHead ? "The request is not well-formed HTTP/1.1: its request line or headers cannot be parsed."
							: "The request body's framing is broken (Content-Length or chunked encoding).",
					reason);
		}

		private void refuse(ChannelHandlerContext ctx, Refusal refusal) {
			HttpResponseStatus status = refusal.status();
			String requestId = UUID.randomUUID().toString();
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status.code()),
					refusal.detail());
			problem.setProperty("request_id", requestId);
			ByteBuf body = Unpooled.wrappedBuffer(Problems.json(problem));
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
				.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
				.set(HttpHeaderNames.CACHE_CONTROL, "no-store")
				.set(RequestIdFilter.HEADER, requestId)
				.set("X-Content-Type-Options", "nosniff")
				.set("Referrer-Policy", "no-referrer");
			ACCESS.info("- (malformed HTTP: {}) {} 0 ms request_id={}", refusal.reason(), status.code(), requestId);
			answerStarted = true;
			// Closing at once while the client is still sending would reset the
			// connection and lose this answer:
			// finish our side, drop whatever still arrives, and close a little later.
			ctx.writeAndFlush(response).addListener(written -> {
				if (ctx.channel() instanceof DuplexChannel duplex) {
					duplex.shutdownOutput();
					ctx.executor().schedule(() -> ctx.close(), 2, TimeUnit.SECONDS);
				}
				else {
					ctx.close();
				}
			});
		}

	}

}
