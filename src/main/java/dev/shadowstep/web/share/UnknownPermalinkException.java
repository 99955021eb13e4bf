package dev.shadowstep.web.share;

/** Thrown when a permalink id is malformed or not stored; the message says which, for the 404 page. */
public class UnknownPermalinkException extends RuntimeException {

    UnknownPermalinkException(String message) {
        super(message);
    }
}
