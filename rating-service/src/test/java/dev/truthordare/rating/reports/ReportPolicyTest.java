package dev.truthordare.rating.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ReportPolicyTest {

	private final ReportPolicy defaults = new ReportPolicy(3, 2, 10);

	@Test
	void networksNeededGrowWithTheLogarithmOfExposure() {
		assertThat(defaults.networksToHide(0, 0)).isEqualTo(3);
		assertThat(defaults.networksToHide(31, 0)).isEqualTo(3);
		assertThat(defaults.networksToHide(32, 0)).isEqualTo(4);
		assertThat(defaults.networksToHide(105, 0)).isEqualTo(5);
		assertThat(defaults.networksToHide(1_000, 0)).isEqualTo(6);
		assertThat(defaults.networksToHide(1_000_000, 0)).isEqualTo(12);
	}

	@Test
	void everyReapprovalRaisesTheBarByTheFirstRoundsNumber() {
		assertThat(defaults.networksToHide(5, 1)).isEqualTo(6);
		assertThat(defaults.networksToHide(5, 2)).isEqualTo(9);
		assertThat(defaults.networksToHide(1_000, 1)).isEqualTo(12);
	}

	@Test
	void nonsenseSettingsAreRefusedAtStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReportPolicy(0, 2, 10));
		assertThatIllegalArgumentException().isThrownBy(() -> new ReportPolicy(3, -1, 10));
	}

}
