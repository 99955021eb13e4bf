package dev.shadowstep.trace;

/** A trace JSON that cannot be read: the message names the field path, the place and what to fix. */
public final class TraceFormatException extends RuntimeException {

    /** Returns an exception whose message says where the problem is and how to fix it. */
    public TraceFormatException(String message) {
        super(message);
    }
}
