package dev.truthordare.cms.accounts;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface AccountRepository extends MongoRepository<Account, String> {

	boolean existsByRolesContaining(Role role);

}
