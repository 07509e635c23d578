package dev.truthordare.cms.content.quality;

import dev.truthordare.wordfilter.BannedWords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class QualityConfig {

	@Bean
	BannedWords bannedWords(QualityProperties properties) {
		return new BannedWords(properties.bannedWords(), properties.allowedWords());
	}

}
