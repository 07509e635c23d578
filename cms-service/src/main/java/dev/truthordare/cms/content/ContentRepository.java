package dev.truthordare.cms.content;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface ContentRepository extends MongoRepository<ContentItem, String> {

}
