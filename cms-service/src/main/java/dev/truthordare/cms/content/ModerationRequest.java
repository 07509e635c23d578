package dev.truthordare.cms.content;

import jakarta.validation.constraints.Size;

/**
 * Why a moderator acts; {@code reason_code} is checked against {@link ReasonCode} by the
 * service.
 */
record ModerationRequest(@Size(max = 40) String reasonCode, @Size(max = 500) String reason) {
}
