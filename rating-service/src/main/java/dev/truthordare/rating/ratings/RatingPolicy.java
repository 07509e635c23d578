package dev.truthordare.rating.ratings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one address can do to an item's ratings. An address is an IPv4 address or an IPv6
 * /64, as the gateway's per-address rate limits count them.
 *
 * @param perAddressPerItem ratings of one item from one address (distinct client ids);
 * one more is refused with 409
 * @param topMinAddresses items whose ratings come from fewer distinct addresses are left
 * out of {@code /api/v1/ratings/top}
 */
@ConfigurationProperties("rating.ratings")
public record RatingPolicy(@DefaultValue("3") int perAddressPerItem, @DefaultValue("3") int topMinAddresses) {

	static final int IPV4_BITS = 32;

	static final int IPV6_BITS = 64;

	public RatingPolicy {
		if (perAddressPerItem < 1 || topMinAddresses < 1) {
			throw new IllegalArgumentException(
					"rating.ratings needs per-address-per-item >= 1, top-min-addresses >= 1");
		}
	}

}
