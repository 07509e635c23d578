package dev.truthordare.web.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

	@Test
	void theGatewaysHeaderIsBelievedAndAnythingElseFallsBackToThePeer() {
		MockHttpServletRequest told = new MockHttpServletRequest();
		told.setRemoteAddr("127.0.0.1");
		told.addHeader(ClientAddresses.HEADER, "198.51.100.7");
		MockHttpServletRequest garbage = new MockHttpServletRequest();
		garbage.setRemoteAddr("127.0.0.1");
		garbage.addHeader(ClientAddresses.HEADER, "evil.example.com");

		assertThat(ClientAddresses.of(told)).isEqualTo("198.51.100.7");
		assertThat(ClientAddresses.of(garbage)).isEqualTo("127.0.0.1");
	}

	@Test
	void networksAreAddressPrefixes() {
		assertThat(ClientAddresses.network("198.51.100.7", 24, 48)).isEqualTo("198.51.100.0/24");
		assertThat(ClientAddresses.network("198.51.100.7", 32, 64)).isEqualTo("198.51.100.7/32");
		assertThat(ClientAddresses.network("2001:db8:1:2:3::9", 24, 48)).isEqualTo("2001:db8:1:0:0:0:0:0/48");
		assertThat(ClientAddresses.network("2001:db8:1:2:3::9", 32, 64)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddresses.network("unknown", 24, 48)).isEqualTo("unknown");
	}

}
