package dev.truthordare.cms.flags;

import dev.truthordare.events.FlagState;
import java.time.Instant;

/**
 * One audited change of a flag: who (the admin's username from the token), when, why, and
 * the state it produced.
 */
record FlagChange(Instant at, String by, String reason, long version, FlagState state) {
}
