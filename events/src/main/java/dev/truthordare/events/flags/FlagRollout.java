package dev.truthordare.events.flags;

import dev.truthordare.events.FlagState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one rule that decides whether a flag is on for a client, the same in every service
 * and the gateway, so a client gets the same answer wherever its request lands.
 * <ol>
 * <li>disabled: off for everyone, allow list included (the kill switch must switch the
 * feature off everywhere, not just for the rollout share);</li>
 * <li>client on the deny list: off;</li>
 * <li>client on the allow list: on;</li>
 * <li>otherwise the client's bucket, a stable hash of (flag key, client id) into 0..9999,
 * is compared with {@code rollout_percent × 100}: below it is on. A client's bucket never
 * changes, so raising the percentage only adds clients and lowering it only removes some.
 * Hashing the key with the id spreads each flag's early clients differently.</li>
 * </ol>
 * A request without a client id cannot be placed in a bucket: it sees the feature only at
 * 100 %, so a partial rollout is never shown to anonymous traffic.
 */
public final class FlagRollout {

	/** Number of buckets: a percentage step is 100 of them. */
	public static final int BUCKETS = 10_000;

	/** Why a flag answered as it did for one client. */
	public enum Decision {

		DISABLED(false), DENIED(false), ALLOWED(true), IN_ROLLOUT(true), OUT_OF_ROLLOUT(false);

		private final boolean on;

		Decision(boolean on) {
			this.on = on;
		}

		public boolean on() {
			return on;
		}

	}

	private FlagRollout() {
	}

	public static boolean isOn(FlagState flag, String clientId) {
		return decide(flag, clientId).on();
	}

	public static Decision decide(FlagState flag, String clientId) {
		if (!flag.enabled()) {
			return Decision.DISABLED;
		}
		boolean identified = clientId != null && !clientId.isBlank();
		if (identified && flag.denyList().contains(clientId)) {
			return Decision.DENIED;
		}
		if (identified && flag.allowList().contains(clientId)) {
			return Decision.ALLOWED;
		}
		if (!identified) {
			return flag.rolloutPercent() == 100 ? Decision.IN_ROLLOUT : Decision.OUT_OF_ROLLOUT;
		}
		return bucket(flag.key(), clientId) < flag.rolloutPercent() * 100 ? Decision.IN_ROLLOUT
				: Decision.OUT_OF_ROLLOUT;
	}

	/**
	 * The client's bucket for a flag, 0..9999: the first four bytes of SHA-256 over the
	 * key, a NUL and the client id (UTF-8), unsigned, modulo {@link #BUCKETS}. SHA-256
	 * rather than {@code String.hashCode}: its value is specified, the same on every JVM
	 * and in any other language a later service may be written in, and evenly spread.
	 */
	public static int bucket(String flagKey, String clientId) {
		byte[] digest = sha256().digest((flagKey + '\0' + clientId).getBytes(StandardCharsets.UTF_8));
		long first = ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16) | ((digest[2] & 0xFFL) << 8)
				| (digest[3] & 0xFFL);
		return (int) (first % BUCKETS);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			// every Java platform must provide SHA-256
			throw new IllegalStateException(e);
		}
	}

}
