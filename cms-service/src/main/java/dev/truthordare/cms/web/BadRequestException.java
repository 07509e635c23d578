package dev.truthordare.cms.web;

/** A request that is well-formed JSON but asks for something this API cannot do; answered 400 with its message. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
