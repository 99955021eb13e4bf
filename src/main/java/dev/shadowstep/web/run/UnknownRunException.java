package dev.shadowstep.web.run;

/** Thrown when a run id is not (or no longer) kept by the server. */
public class UnknownRunException extends RuntimeException {

    public UnknownRunException(String id) {
        super("No run '" + id + "' is kept on the server (runs are dropped after a while). "
                + "Reload the scenario page to run it again.");
    }
}
