package dev.truthordare.cms.accounts;

import java.time.Instant;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document("accounts")
public record Account(@Id String username, String passwordHash, Set<Role> roles, boolean enabled, Instant createdAt) {
}
