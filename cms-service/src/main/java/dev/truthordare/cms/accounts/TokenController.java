package dev.truthordare.cms.accounts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/cms/auth")
class TokenController {

	record TokenRequest(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 200) String password) {
	}

	record TokenResponse(String accessToken, String tokenType, long expiresIn) {
	}

	private final TokenService tokens;

	private final SigningKeys keys;

	TokenController(TokenService tokens, SigningKeys keys) {
		this.tokens = tokens;
		this.keys = keys;
	}

	@PostMapping("/token")
	ResponseEntity<TokenResponse> token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
		TokenService.IssuedToken issued = tokens.issue(request.username(), request.password(), ClientAddress.of(http));
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new TokenResponse(issued.value(), "Bearer", issued.expiresIn().toSeconds()));
	}

	/**
	 * Public keys as a JWK set, so the gateway and other services can validate CMS tokens
	 * themselves.
	 */
	@GetMapping("/jwks.json")
	Map<String, Object> jwks() {
		return new com.nimbusds.jose.jwk.JWKSet(keys.rsaKey().toPublicJWK()).toJSONObject();
	}

}
