package dev.shadowstep.run;

/**
 * Thrown when the engine cannot take a run now (every slot taken for the whole wait, the queue
 * full, or the memory for runs in progress spoken for); the client should try again after
 * {@link #retryAfterSeconds()}, which the answers send as {@code Retry-After}.
 */
public class ServerBusyException extends RuntimeException {

    private final long retryAfterSeconds;

    public ServerBusyException(String message) {
        this(message, 5);
    }

    public ServerBusyException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Returns the whole seconds after which a new attempt has a fair chance. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
