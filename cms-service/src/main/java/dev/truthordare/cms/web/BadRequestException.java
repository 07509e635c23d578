package dev.truthordare.cms.web;

import dev.truthordare.web.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * A request that is well-formed JSON but asks for something this API cannot do; answered
 * 400 with its message.
 */
public class BadRequestException extends ApiProblem {

	public BadRequestException(String message) {
		super(HttpStatus.BAD_REQUEST, message);
	}

}
