package dev.truthordare.cms.accounts;

import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns a valid token into an authentication with the roles its account has now: a
 * disabled account's tokens, and tokens older than the account's last change of roles,
 * password or status (claim {@code ver}), stop working at once. Tokens of an external
 * OIDC issuer (production) carry their roles themselves in the {@code roles} claim.
 */
@Component
class CurrentAccountConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final AccountRepository accounts;

	private final boolean externalIssuer;

	CurrentAccountConverter(AccountRepository accounts,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String externalIssuer) {
		this.accounts = accounts;
		this.externalIssuer = !externalIssuer.isBlank();
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		Collection<String> roles;
		if (externalIssuer) {
			List<String> claimed = jwt.getClaimAsStringList("roles");
			roles = claimed == null ? List.of() : claimed;
		}
		else {
			Object claimed = jwt.getClaim("ver");
			long tokenVersion = claimed instanceof Number number ? number.longValue() : 0;
			Account account = accounts.findById(jwt.getSubject())
				.filter(Account::enabled)
				.filter(current -> tokenVersion >= current.tokenVersion())
				.orElseThrow(() -> new InvalidBearerTokenException(
						"The account of this token is disabled or gone, or the token was revoked."));
			roles = account.roles().stream().map(Role::name).toList();
		}
		List<GrantedAuthority> authorities = roles.stream()
			.<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
		return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
	}

}
