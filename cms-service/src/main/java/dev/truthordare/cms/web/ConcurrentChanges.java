package dev.truthordare.cms.web;

import dev.truthordare.web.problem.ApiProblem;
import dev.truthordare.web.problem.ProblemMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;

/**
 * Two moderators saving one item at once: the later save loses the version race and is
 * told to reload.
 */
@Configuration
class ConcurrentChanges {

	@Bean
	ProblemMapper optimisticLockingFailures() {
		return ProblemMapper.of(OptimisticLockingFailureException.class, e -> new ApiProblem(HttpStatus.CONFLICT,
				"The item was changed by someone else at the same time; reload it and try again."));
	}

}
