package dev.truthordare.rating.ratings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RatingSummariesTest {

	@Test
	void aSingleFiveStarVoteRanksBelowFortyVotesAveragingFourPointEight() {
		double single = RatingSummaries.wilsonLowerBound(1, 1);
		double forty = RatingSummaries.wilsonLowerBound(40, 40); // 32 × 5 and 8 × 4: all
																	// positive

		assertThat(single).isCloseTo(0.2065, within(0.0001));
		assertThat(forty).isCloseTo(0.9124, within(0.0001));
		assertThat(forty).isGreaterThan(single);
	}

	@Test
	void moreEvidenceForTheSameShareRanksHigherAndNoVotesRankLast() {
		assertThat(RatingSummaries.wilsonLowerBound(80, 100)).isGreaterThan(RatingSummaries.wilsonLowerBound(8, 10));
		assertThat(RatingSummaries.wilsonLowerBound(0, 0)).isZero();
		assertThat(RatingSummaries.wilsonLowerBound(0, 50)).isZero();
		assertThat(RatingSummaries.wilsonLowerBound(50, 50)).isLessThan(1.0);
	}

	@Test
	void distinctAddressesCountAddressesWithARatingAndEachLegacyRating() {
		org.bson.Document tallies = new org.bson.Document("198_51_100_7/32", 3).append("203_0_113_1/32", 0)
			.append(RatingSummaries.LEGACY, 2);
		assertThat(RatingSummaries.distinctAddresses(new org.bson.Document("addresses", tallies))).isEqualTo(3);
		assertThat(RatingSummaries.distinctAddresses(new org.bson.Document())).isZero();
		assertThat(RatingSummaries.tally("2001:db8::/64")).isEqualTo("addresses.2001-db8--/64");
	}

}
