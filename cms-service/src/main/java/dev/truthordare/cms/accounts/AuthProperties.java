package dev.truthordare.cms.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("cms.auth")
public record AuthProperties(String issuer, Duration tokenTtl, String adminUsername, String adminPassword) {
}
