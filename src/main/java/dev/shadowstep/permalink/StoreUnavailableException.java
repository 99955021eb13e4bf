package dev.shadowstep.permalink;

/** Thrown when the store refuses writes (its file was deleted or replaced); the message says what to do. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }
}
