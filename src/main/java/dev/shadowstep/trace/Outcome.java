package dev.shadowstep.trace;

/** How a run ended, at which step, and a sentence saying why. */
public record Outcome(Status status, int step, String message) {

    public enum Status {
        COMPLETED, VMENTRY_FAILED, UNHANDLED, STEP_LIMIT, ERROR;

        public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
