package dev.shadowstep.web.api;

/** Thrown when a request body is over the limit; the message gives the limit and what to do. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
