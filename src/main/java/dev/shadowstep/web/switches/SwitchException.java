package dev.shadowstep.web.switches;

/** Thrown when a switch cannot be read or set in a scenario text; the message says why and what to do. */
public final class SwitchException extends RuntimeException {

    public SwitchException(String message) {
        super(message);
    }
}
