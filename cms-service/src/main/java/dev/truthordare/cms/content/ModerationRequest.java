package dev.truthordare.cms.content;

import jakarta.validation.constraints.Size;

record ModerationRequest(@Size(max = 40) String reasonCode, @Size(max = 500) String reason) {
}
