package dev.shadowstep.web.run;

/** Thrown when every run slot stayed taken for the whole wait; the client should try again shortly. */
public class ServerBusyException extends RuntimeException {

    public ServerBusyException(String message) {
        super(message);
    }
}
