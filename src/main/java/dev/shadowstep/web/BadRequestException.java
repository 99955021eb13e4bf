package dev.shadowstep.web;

/** Thrown when a request parameter is out of range; the message says which and what is allowed. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
