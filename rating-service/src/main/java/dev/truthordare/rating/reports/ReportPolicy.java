package dev.truthordare.rating.reports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When players' reports take an item out of play by themselves. Reports count by network
 * (IPv4 /24, IPv6 /48 of the reporter's address), never by client id, and only since the
 * item's last moderator approval.
 *
 * @param minNetworks distinct networks that hide an item nobody has rated or reported yet
 * @param exposureFactor {@code k} in {@code ceil(k * log10(ratings + reports))}: items
 * many players have seen need more voices
 * @param autoHidesPerHour past this many automatic hides in a clock hour (all items),
 * reports only queue items for review
 */
@ConfigurationProperties("rating.reports")
public record ReportPolicy(@DefaultValue("3") int minNetworks, @DefaultValue("2") double exposureFactor,
		@DefaultValue("10") int autoHidesPerHour) {

	static final int IPV4_NETWORK_BITS = 24;

	static final int IPV6_NETWORK_BITS = 48;

	public ReportPolicy {
		if (minNetworks < 1 || exposureFactor < 0 || autoHidesPerHour < 0) {
			throw new IllegalArgumentException(
					"rating.reports needs min-networks >= 1, exposure-factor >= 0, auto-hides-per-hour >= 0");
		}
	}

	/**
	 * Distinct networks that hide an item: {@code max(minNetworks, ceil(k *
	 * log10(exposure)))}, times one more for every earlier re-approval (a moderator who
	 * already kept the item raises the bar).
	 */
	public long networksToHide(long exposure, long reapprovals) {
		long byExposure = exposure <= 1 ? 0 : (long) Math.ceil(exposureFactor * Math.log10(exposure));
		return Math.max(minNetworks, byExposure) * (1 + Math.max(0, reapprovals));
	}

}
